package dev.paykit.port.in;

/** No payment with that id is known here. */
public final class PaymentNotFoundException extends PaykitException {
  private static final long serialVersionUID = 1L;

  public PaymentNotFoundException(String id) {
    super("no payment " + id);
  }

  @Override
  public String code() {
    return "payment_not_found";
  }
}
