package dev.paykit.domain.idempotency;

import dev.paykit.domain.Require;

/**
 * What a key is for. The same key may be used once per scope: a create and a refund never collide
 * even if the caller derived the same key for both.
 */
public record IdempotencyScope(String value) {
  public static final IdempotencyScope CREATE_PAYMENT = new IdempotencyScope("payment.create");
  public static final IdempotencyScope CREATE_REFUND = new IdempotencyScope("refund.create");
  public static final IdempotencyScope SUBMIT_EVIDENCE = new IdempotencyScope("dispute.evidence");

  public IdempotencyScope {
    Require.printableAscii("scope", value, 1, 64);
  }
}
