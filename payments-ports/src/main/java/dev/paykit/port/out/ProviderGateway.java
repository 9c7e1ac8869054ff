package dev.paykit.port.out;

import dev.paykit.domain.dispute.DisputeId;
import dev.paykit.domain.dispute.Evidence;
import dev.paykit.domain.dispute.ProviderDispute;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.domain.refund.ProviderRefund;

/**
 * Access to a payment provider. Implementations retry what is safe to retry (with the same
 * idempotency key on every attempt), authenticate, and turn every answer into a {@link
 * ProviderResult}; they never throw for what the provider or the network did. They speak the
 * provider's API and answer in Paykit's terms: a payment's status is a {@link
 * dev.paykit.domain.payment.ProviderStatus}, whatever the provider calls it.
 *
 * <p>The core relies on two facts about the provider. One is declared: {@link #facts()}. The other
 * is how a call that did not end in an answer is reported, since money depends on it:
 *
 * <ul>
 *   <li>{@link ProviderResult.Unavailable}: the provider <em>certainly did not act</em> on this
 *       call. Only when no attempt reached it (the connection was refused or never set up, the
 *       request was not sent), or every attempt that reached it was answered with a refusal to act
 *       that the provider's API guarantees (rate limited, unavailable, an internal error answered
 *       before acting, or after acting with the outcome kept under the idempotency key, so that a
 *       repeat with the key within {@link ProviderFacts#idempotencyKeyMemory()} answers it). A
 *       payment created this way stays {@code CREATED} and the shop is told it is queued.
 *   <li>{@link ProviderResult.Unknown}: the provider <em>may have acted</em>. Any attempt that may
 *       have reached it without an answer coming back (a timeout or a connection lost after the
 *       request was sent, an interruption while waiting), a success answer that could not be read,
 *       and any failure the API does not promise was answered before acting. A payment created this
 *       way is {@code SUBMITTED}: it may exist, and is finished with the same key or found by its
 *       order, never created afresh.
 *   <li>{@link ProviderResult.Rejected} is a definitive refusal. Of its kinds, {@link
 *       dev.paykit.port.shared.ProviderError.Kind#AUTHENTICATION} must mean the credentials were
 *       refused before the request was looked at (the core treats it as unavailable), and {@link
 *       dev.paykit.port.shared.ProviderError.Kind#IDEMPOTENCY_KEY_IN_USE} that the provider is
 *       still working on the key (the core treats it as unknown).
 * </ul>
 *
 * When in doubt, a gateway answers {@code Unknown}: it costs a look-up, while a wrong {@code
 * Unavailable} tells the shop a payment that may exist was never made. The core treats a gateway
 * that throws as {@code Unknown}.
 */
public interface ProviderGateway {

  /** What the core must know about this provider; the same on every call. */
  ProviderFacts facts();

  ProviderResult<ProviderPayment> createPayment(PaymentRequest request, IdempotencyKey key);

  ProviderResult<ProviderPayment> getPayment(TransactionId transactionId);

  /** The provider's payments for an order, newest first; {@code cursor} null for the first page. */
  ProviderResult<ProviderPaymentPage> findPayments(ExternalId externalId, String cursor, int limit);

  ProviderResult<ProviderRefund> createRefund(
      TransactionId transactionId, Money amount, String reason, IdempotencyKey key);

  ProviderResult<ProviderRefund> getRefund(String providerRefundId);

  ProviderResult<ProviderDispute> getDispute(DisputeId disputeId);

  /**
   * Sends the merchant's evidence for a dispute, with {@code key} on every attempt; the answer is
   * the dispute as the provider has it then. A refusal because the deadline passed is {@link
   * dev.paykit.port.shared.ProviderError.Kind#EVIDENCE_DEADLINE_PASSED}.
   */
  ProviderResult<ProviderDispute> submitEvidence(
      DisputeId disputeId, Evidence evidence, IdempotencyKey key);
}
