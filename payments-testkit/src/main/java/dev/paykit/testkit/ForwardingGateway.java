package dev.paykit.testkit;

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
import dev.paykit.port.out.ProviderFacts;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.ProviderPaymentPage;
import dev.paykit.port.out.ProviderResult;
import java.util.Objects;

/**
 * A gateway that hands every call to another. A test that watches or breaks some calls of a real
 * gateway overrides only those, and a method added to {@link ProviderGateway} is forwarded here
 * once instead of in every wrapper.
 */
public abstract class ForwardingGateway implements ProviderGateway {
  private final ProviderGateway delegate;

  protected ForwardingGateway(ProviderGateway delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public ProviderFacts facts() {
    return delegate.facts();
  }

  @Override
  public ProviderResult<ProviderPayment> createPayment(PaymentRequest request, IdempotencyKey key) {
    return delegate.createPayment(request, key);
  }

  @Override
  public ProviderResult<ProviderPayment> getPayment(TransactionId transactionId) {
    return delegate.getPayment(transactionId);
  }

  @Override
  public ProviderResult<ProviderPaymentPage> findPayments(
      ExternalId externalId, String cursor, int limit) {
    return delegate.findPayments(externalId, cursor, limit);
  }

  @Override
  public ProviderResult<ProviderRefund> createRefund(
      TransactionId transactionId, Money amount, String reason, IdempotencyKey key) {
    return delegate.createRefund(transactionId, amount, reason, key);
  }

  @Override
  public ProviderResult<ProviderRefund> getRefund(String providerRefundId) {
    return delegate.getRefund(providerRefundId);
  }

  @Override
  public ProviderResult<ProviderDispute> getDispute(DisputeId disputeId) {
    return delegate.getDispute(disputeId);
  }

  @Override
  public ProviderResult<ProviderDispute> submitEvidence(
      DisputeId disputeId, Evidence evidence, IdempotencyKey key) {
    return delegate.submitEvidence(disputeId, evidence, key);
  }
}
