package dev.paykit.port.in;

/** The key was used before with a different request (HTTP APIs answer 422). */
public final class IdempotencyKeyReusedException extends PaykitException {
  private static final long serialVersionUID = 1L;

  public IdempotencyKeyReusedException(String scope) {
    super("the idempotency key was already used for a different " + scope + " request");
  }

  @Override
  public String code() {
    return "idempotency_key_reuse";
  }
}
