package dev.paykit.testkit.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.port.out.ProviderPaymentPage;
import dev.paykit.port.out.ProviderResult;
import dev.paykit.testkit.Concurrently;
import dev.paykit.testkit.PaymentSamples;
import dev.paykit.testkit.flows.FlowClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InstantGatewayTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

  private final FlowClock clock = new FlowClock(NOW);
  private final InstantGateway gateway = new InstantGateway(clock, "run7");

  private ProviderPayment created(String order) {
    ProviderResult<ProviderPayment> result =
        gateway.createPayment(PaymentSamples.request(order), IdempotencyKey.of("key-" + order));
    assertThat(result).isInstanceOf(ProviderResult.Success.class);
    ProviderResult.Success<ProviderPayment> success =
        (ProviderResult.Success<ProviderPayment>) result;
    assertThat(success.replayed()).isFalse();
    return success.value();
  }

  @Test
  void every_create_is_a_started_payment_for_the_request_at_the_clocks_time() {
    PaymentRequest request = PaymentSamples.request("order-1");

    ProviderPayment payment = created("order-1");

    assertThat(payment.transactionId()).isEqualTo(new TransactionId("tx_run7_1"));
    assertThat(payment.status()).isEqualTo(ProviderStatus.STARTED);
    assertThat(payment.amount()).isEqualTo(PaymentSamples.AMOUNT);
    assertThat(payment.externalId()).isEqualTo(new ExternalId("order-1"));
    assertThat(payment.metadata()).isEqualTo(request.metadata());
    assertThat(payment.checkoutUrl()).hasToString("https://provider.example/checkout/tx_run7_1");
    assertThat(payment.failure()).isNull();
    assertThat(payment.createdAt()).isEqualTo(NOW);
    assertThat(payment.updatedAt()).isEqualTo(NOW);
    assertThat(payment.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
  }

  @Test
  void each_create_gets_the_next_transaction_id_even_for_the_same_key() {
    clock.advance(Duration.ofSeconds(5));

    assertThat(created("order-2").transactionId().value()).isEqualTo("tx_run7_1");
    assertThat(created("order-2").transactionId().value()).isEqualTo("tx_run7_2");
    assertThat(created("order-3").createdAt()).isEqualTo(NOW.plusSeconds(5));
  }

  @Test
  void concurrent_creates_on_real_threads_never_share_a_transaction_id() {
    int threads = 16;
    int perThread = 500;

    List<Concurrently.Attempt<List<TransactionId>>> attempts =
        Concurrently.run(
            threads,
            t ->
                () ->
                    IntStream.range(0, perThread)
                        .mapToObj(i -> created("order-" + t + "-" + i).transactionId())
                        .toList());

    assertThat(attempts).allMatch(Concurrently.Attempt::succeeded);
    Set<TransactionId> ids =
        attempts.stream().flatMap(a -> a.value().stream()).collect(Collectors.toSet());
    assertThat(ids).hasSize(threads * perThread);
    assertThat(ids).contains(new TransactionId("tx_run7_" + threads * perThread));
  }

  @Test
  void it_only_creates_look_ups_and_refunds_are_unavailable_and_searches_find_nothing() {
    TransactionId tx = created("order-4").transactionId();

    assertThat(gateway.getPayment(tx)).isInstanceOf(ProviderResult.Unavailable.class);
    assertThat(
            gateway.createRefund(
                tx, Money.of(100, "EUR"), "requested_by_customer", IdempotencyKey.of("r-1")))
        .isInstanceOf(ProviderResult.Unavailable.class);
    assertThat(gateway.getRefund("rf_1")).isInstanceOf(ProviderResult.Unavailable.class);
    ProviderResult<ProviderPaymentPage> found =
        gateway.findPayments(new ExternalId("order-4"), null, 20);
    assertThat(found).isInstanceOf(ProviderResult.Success.class);
    ProviderPaymentPage page = ((ProviderResult.Success<ProviderPaymentPage>) found).value();
    assertThat(page.data()).isEmpty();
    assertThat(page.nextCursor()).isNull();
  }
}
