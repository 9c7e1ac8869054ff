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
 * ProviderResult}; they never throw for what the provider or the network did.
 */
public interface ProviderGateway {

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
