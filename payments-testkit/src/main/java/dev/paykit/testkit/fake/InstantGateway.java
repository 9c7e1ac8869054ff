package dev.paykit.testkit.fake;

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
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A provider that starts every payment at once and remembers nothing: no I/O, no lock, no growing
 * state. What a benchmark or load test puts behind the services so that it measures Paykit and its
 * stores and nothing of a provider; for tests of the provider's behaviour use {@link FakeProvider},
 * which is idempotent, keeps every payment and takes a lock per call.
 *
 * <p>{@code createPayment} answers a {@code started} payment with the transaction id {@code
 * tx_<prefix>_<n>} (n counting from 1 per gateway), the request's amount, order and metadata, and
 * expiry {@code now + expiresIn}; it is safe for any number of threads. A status look-up, a refund,
 * a refund look-up and every dispute call answer {@code Unavailable}; a search by order finds
 * nothing. The service's own idempotency is what keeps a replayed create from reaching this gateway
 * twice.
 */
public final class InstantGateway implements ProviderGateway {
  private static final URI CHECKOUT = URI.create("https://provider.example/checkout/");
  private static final String ONLY_CREATES = "the instant gateway only creates payments";

  private final Clock clock;
  private final String prefix;
  private final AtomicLong sequence = new AtomicLong();

  /**
   * @param prefix keeps transaction ids unique across the gateways sharing one store (a run or a
   *     fork id)
   */
  public InstantGateway(Clock clock, String prefix) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.prefix = Objects.requireNonNull(prefix, "prefix");
  }

  @Override
  public ProviderFacts facts() {
    return FakeProvider.FACTS;
  }

  @Override
  public ProviderResult<ProviderPayment> createPayment(PaymentRequest request, IdempotencyKey key) {
    TransactionId tx = new TransactionId("tx_" + prefix + "_" + sequence.incrementAndGet());
    return new ProviderResult.Success<>(
        ProviderPayments.started(tx, request, CHECKOUT, clock.instant()), "req_instant", false);
  }

  @Override
  public ProviderResult<ProviderPayment> getPayment(TransactionId transactionId) {
    return new ProviderResult.Unavailable<>(ONLY_CREATES);
  }

  @Override
  public ProviderResult<ProviderPaymentPage> findPayments(
      ExternalId externalId, String cursor, int limit) {
    return new ProviderResult.Success<>(
        new ProviderPaymentPage(List.of(), null), "req_instant", false);
  }

  @Override
  public ProviderResult<ProviderRefund> createRefund(
      TransactionId transactionId, Money amount, String reason, IdempotencyKey key) {
    return new ProviderResult.Unavailable<>(ONLY_CREATES);
  }

  @Override
  public ProviderResult<ProviderRefund> getRefund(String providerRefundId) {
    return new ProviderResult.Unavailable<>(ONLY_CREATES);
  }

  @Override
  public ProviderResult<ProviderDispute> getDispute(DisputeId disputeId) {
    return new ProviderResult.Unavailable<>(ONLY_CREATES);
  }

  @Override
  public ProviderResult<ProviderDispute> submitEvidence(
      DisputeId disputeId, Evidence evidence, IdempotencyKey key) {
    return new ProviderResult.Unavailable<>(ONLY_CREATES);
  }
}
