package dev.paykit.testkit.fake;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.testkit.ProviderCharges;

/**
 * What the fake provider did, for tests to assert that nothing was charged or refunded twice.
 * Replays and rejected requests created nothing and are not counted as creations.
 */
public interface ProviderLedger extends ProviderCharges {

  /** Payments created with {@code key}: 0 or 1, as the provider is idempotent. */
  int paymentsCreated(IdempotencyKey key);

  int totalPaymentsCreated();

  /** Refunds created with {@code key}: 0 or 1. */
  int refundsCreated(IdempotencyKey key);

  /** The sum of the transaction's refunds that have not failed (pending or succeeded). */
  long refundedMinorUnits(TransactionId transactionId);

  /** Every {@code createPayment} call the gateway received: faulted, rejected and replays too. */
  int createCalls();
}
