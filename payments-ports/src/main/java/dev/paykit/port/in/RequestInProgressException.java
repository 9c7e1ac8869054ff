package dev.paykit.port.in;

/** Another request with the same key is being processed; retry later with the same key (409). */
public final class RequestInProgressException extends PaykitException {
  private static final long serialVersionUID = 1L;

  public RequestInProgressException(String scope) {
    super("a " + scope + " request with this idempotency key is in progress; retry later");
  }

  @Override
  public String code() {
    return "idempotency_key_in_use";
  }
}
