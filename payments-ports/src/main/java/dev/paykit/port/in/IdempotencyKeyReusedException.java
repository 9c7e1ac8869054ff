package dev.paykit.port.in;

import dev.paykit.domain.PaykitException;

/** The key was used before with a different request (HTTP APIs answer 422). */
public final class IdempotencyKeyReusedException extends PaykitException {
  private static final long serialVersionUID = 1L;

  public IdempotencyKeyReusedException(String scope) {
    super(
        "idempotency_key_reuse",
        "idempotencyKey",
        422,
        "the idempotency key was already used for a different " + scope + " request");
  }
}
