package dev.paykit.bench.support;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.domain.refund.ProviderRefund;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.ProviderPaymentPage;
import dev.paykit.port.out.ProviderResult;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A provider that accepts every payment at once, without I/O: what the create benchmark puts behind
 * the service, so that it measures Paykit and its store and nothing of a network.
 */
public final class InstantGateway implements ProviderGateway {
  private static final URI CHECKOUT = URI.create("https://provider.example/checkout/");

  private final Clock clock;
  private final String prefix;
  private final AtomicLong sequence = new AtomicLong();

  /** {@code prefix} keeps transaction ids unique across the gateways of one database. */
  public InstantGateway(Clock clock, String prefix) {
    this.clock = clock;
    this.prefix = prefix;
  }

  @Override
  public ProviderResult<ProviderPayment> createPayment(PaymentRequest request, IdempotencyKey key) {
    Instant now = clock.instant();
    TransactionId tx = new TransactionId("tx_" + prefix + "_" + sequence.incrementAndGet());
    ProviderPayment payment =
        new ProviderPayment(
            tx,
            ProviderStatus.STARTED,
            request.amount(),
            request.externalId(),
            request.metadata(),
            CHECKOUT.resolve(tx.value()),
            null,
            now,
            now,
            now.plus(request.expiresIn()));
    return new ProviderResult.Success<>(payment, "req_instant", false);
  }

  @Override
  public ProviderResult<ProviderPayment> getPayment(TransactionId transactionId) {
    return new ProviderResult.Unavailable<>("the instant gateway only creates");
  }

  @Override
  public ProviderResult<ProviderPaymentPage> findPayments(
      ExternalId externalId, String cursor, int limit) {
    return new ProviderResult.Success<>(new ProviderPaymentPage(List.of(), null), "req", false);
  }

  @Override
  public ProviderResult<ProviderRefund> createRefund(
      TransactionId transactionId, Money amount, String reason, IdempotencyKey key) {
    return new ProviderResult.Unavailable<>("the instant gateway only creates");
  }

  @Override
  public ProviderResult<ProviderRefund> getRefund(String providerRefundId) {
    return new ProviderResult.Unavailable<>("the instant gateway only creates");
  }
}
