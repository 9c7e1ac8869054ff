package dev.paykit.port.in;

import dev.paykit.domain.PaykitException;

/** Another request with the same key is being processed; retry later with the same key (409). */
public final class RequestInProgressException extends PaykitException {
  private static final long serialVersionUID = 1L;

  public RequestInProgressException(String scope) {
    super(
        "idempotency_key_in_use",
        "idempotencyKey",
        409,
        "a " + scope + " request with this idempotency key is in progress; retry later");
  }
}
