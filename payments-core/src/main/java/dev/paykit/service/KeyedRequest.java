package dev.paykit.service;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.idempotency.IdempotencyScope;
import dev.paykit.domain.idempotency.RequestFingerprint;

/**
 * A request made with an idempotency key: its scope, the operation's name as errors show it, the
 * key and the fingerprint of what was asked.
 */
record KeyedRequest(
    IdempotencyScope scope, String operation, IdempotencyKey key, RequestFingerprint fingerprint) {

  static KeyedRequest createPayment(IdempotencyKey key, RequestFingerprint fingerprint) {
    return new KeyedRequest(IdempotencyScope.CREATE_PAYMENT, "create-payment", key, fingerprint);
  }

  static KeyedRequest submitEvidence(IdempotencyKey key, RequestFingerprint fingerprint) {
    return new KeyedRequest(IdempotencyScope.SUBMIT_EVIDENCE, "submit-evidence", key, fingerprint);
  }

  static KeyedRequest createRefund(IdempotencyKey key, RequestFingerprint fingerprint) {
    return new KeyedRequest(IdempotencyScope.CREATE_REFUND, "refund", key, fingerprint);
  }
}
