package dev.paykit.port.in;

import dev.paykit.domain.PaykitException;

/** No payment with that id is known here. */
public final class PaymentNotFoundException extends PaykitException {
  private static final long serialVersionUID = 1L;

  public PaymentNotFoundException(String id) {
    super("payment_not_found", "payment:" + id, 404, "no payment " + id);
  }
}
