package dev.paykit.testkit.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ProviderName;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.domain.refund.ProviderRefund;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.ProviderPaymentPage;
import dev.paykit.port.out.ProviderResult;
import dev.paykit.port.shared.PaymentPage;
import dev.paykit.port.shared.PaymentQuery;
import dev.paykit.testkit.Concurrently;
import dev.paykit.testkit.PaymentSamples;
import dev.paykit.testkit.fake.FakeProvider;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class CrashPointsTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

  private final List<CrashPoint> fired = new CopyOnWriteArrayList<>();
  private final CrashPoints crashes = new CrashPoints(fired::add);
  private final PaymentStore store = mock(PaymentStore.class);
  private final FakeProvider provider = new FakeProvider(new FlowClock(NOW));
  private final Payment payment = PaymentSamples.created("pay_1", "order-1", NOW);
  private final IdempotencyKey key = IdempotencyKey.of("key-pay_1");

  @Test
  void after_key_reserved_crashes_the_insert_before_the_store_sees_it_once() {
    PaymentStore payments = crashes.payments(store);
    crashes.arm(CrashPoint.AFTER_KEY_RESERVED);

    assertThatThrownBy(() -> payments.insert(payment))
        .isInstanceOf(SimulatedCrash.class)
        .satisfies(
            e -> assertThat(((SimulatedCrash) e).point()).isEqualTo(CrashPoint.AFTER_KEY_RESERVED));
    verify(store, never()).insert(payment);
    assertThat(fired).containsExactly(CrashPoint.AFTER_KEY_RESERVED);
    assertThat(crashes.armed()).isEqualTo(CrashPoint.NONE);

    payments.insert(payment);

    verify(store).insert(payment);
    assertThat(fired).hasSize(1);
  }

  @Test
  void before_provider_call_crashes_without_asking_the_provider() {
    ProviderGateway gateway = crashes.gateway(provider.gateway());
    crashes.arm(CrashPoint.BEFORE_PROVIDER_CALL);

    assertThatThrownBy(() -> gateway.createPayment(payment.request(), key))
        .isInstanceOf(SimulatedCrash.class);

    assertThat(provider.ledger().createCalls()).isZero();
    assertThat(fired).containsExactly(CrashPoint.BEFORE_PROVIDER_CALL);
    assertThat(gateway.createPayment(payment.request(), key))
        .isInstanceOf(ProviderResult.Success.class);
    assertThat(provider.ledger().paymentsCreated(key)).isEqualTo(1);
  }

  @Test
  void after_provider_answer_crashes_once_the_provider_has_created_the_payment() {
    ProviderGateway gateway = crashes.gateway(provider.gateway());
    crashes.arm(CrashPoint.AFTER_PROVIDER_ANSWER);

    assertThatThrownBy(() -> gateway.createPayment(payment.request(), key))
        .isInstanceOf(SimulatedCrash.class)
        .hasMessageContaining("AFTER_PROVIDER_ANSWER");

    assertThat(provider.ledger().paymentsCreated(key)).isEqualTo(1);
    ProviderResult<ProviderPayment> retried = gateway.createPayment(payment.request(), key);
    assertThat(((ProviderResult.Success<ProviderPayment>) retried).replayed()).isTrue();
    assertThat(provider.ledger().paymentsCreated(key)).isEqualTo(1);
  }

  @Test
  void a_point_waits_for_its_own_step_and_none_or_disarm_never_crash() {
    PaymentStore payments = crashes.payments(store);
    ProviderGateway gateway = crashes.gateway(provider.gateway());

    crashes.arm(CrashPoint.BEFORE_PROVIDER_CALL);
    payments.insert(payment);
    assertThat(crashes.armed()).isEqualTo(CrashPoint.BEFORE_PROVIDER_CALL);
    crashes.disarm();
    gateway.createPayment(payment.request(), key);
    crashes.arm(CrashPoint.AFTER_KEY_RESERVED);
    crashes.arm(CrashPoint.NONE);
    payments.insert(payment);

    assertThat(fired).isEmpty();
    assertThat(crashes.armed()).isEqualTo(CrashPoint.NONE);
  }

  @Test
  void only_the_threads_that_armed_a_point_crash_on_real_threads_through_one_wrapper() {
    PaymentStore payments = crashes.payments(store);

    List<Concurrently.Attempt<Boolean>> attempts =
        Concurrently.run(
            8,
            i ->
                () -> {
                  if (i % 2 == 0) {
                    crashes.arm(CrashPoint.AFTER_KEY_RESERVED);
                  }
                  payments.insert(payment);
                  return true;
                });

    for (int i = 0; i < attempts.size(); i++) {
      if (i % 2 == 0) {
        assertThat(attempts.get(i).failure()).isInstanceOf(SimulatedCrash.class);
      } else {
        assertThat(attempts.get(i).succeeded()).isTrue();
      }
    }
    assertThat(fired).hasSize(4).containsOnly(CrashPoint.AFTER_KEY_RESERVED);
    verify(store, times(4)).insert(payment);
  }

  @Test
  void every_other_store_call_goes_to_the_delegate_with_its_answer() {
    PaymentStore payments = crashes.payments(store);
    crashes.arm(CrashPoint.AFTER_KEY_RESERVED);
    TransactionId tx = new TransactionId("tx_1");
    PaymentQuery query = new PaymentQuery(null, null, null, null, 20, null);
    PaymentPage page = new PaymentPage(List.of(payment), null);
    Set<PaymentState> states = Set.of(PaymentState.SUBMITTED);
    when(store.update(payment, 0)).thenReturn(true);
    when(store.findById(payment.id())).thenReturn(Optional.of(payment));
    when(store.findByTransactionId(ProviderName.of("psp-b"), tx)).thenReturn(Optional.of(payment));
    when(store.findByIdempotencyKey(key)).thenReturn(Optional.of(payment));
    when(store.findByExternalId(payment.externalId())).thenReturn(List.of(payment));
    when(store.findStale(states, NOW, 5)).thenReturn(List.of(payment));
    when(store.recordLookUp(payment.id(), NOW)).thenReturn(true);
    when(store.list(query)).thenReturn(page);

    assertThat(payments.update(payment, 0)).isTrue();
    assertThat(payments.findById(payment.id())).contains(payment);
    assertThat(payments.findByTransactionId(ProviderName.of("psp-b"), tx)).contains(payment);
    assertThat(payments.findByIdempotencyKey(key)).contains(payment);
    assertThat(payments.findByExternalId(payment.externalId())).containsExactly(payment);
    assertThat(payments.findStale(states, NOW, 5)).containsExactly(payment);
    assertThat(payments.recordLookUp(payment.id(), NOW)).isTrue();
    assertThat(payments.list(query)).isSameAs(page);
    assertThat(fired).as("only insert is a crash point of the store").isEmpty();
  }

  @Test
  void every_other_gateway_call_goes_to_the_delegate_with_its_answer() {
    ProviderGateway delegate = mock(ProviderGateway.class);
    ProviderGateway gateway = crashes.gateway(delegate);
    crashes.arm(CrashPoint.BEFORE_PROVIDER_CALL);
    TransactionId tx = new TransactionId("tx_1");
    Money amount = Money.of(500, "EUR");
    IdempotencyKey refundKey = IdempotencyKey.of("refund-1");
    ProviderResult<ProviderPayment> looked = new ProviderResult.Unavailable<>("look-up");
    ProviderResult<ProviderPaymentPage> found = new ProviderResult.Unavailable<>("find");
    ProviderResult<ProviderRefund> refunded = new ProviderResult.Unavailable<>("refund");
    ProviderResult<ProviderRefund> refund = new ProviderResult.Unavailable<>("refund look-up");
    when(delegate.getPayment(tx)).thenReturn(looked);
    when(delegate.findPayments(new ExternalId("order-1"), "c1", 10)).thenReturn(found);
    when(delegate.createRefund(tx, amount, "duplicate", refundKey)).thenReturn(refunded);
    when(delegate.getRefund("rf_1")).thenReturn(refund);

    assertThat(gateway.getPayment(tx)).isSameAs(looked);
    assertThat(gateway.findPayments(new ExternalId("order-1"), "c1", 10)).isSameAs(found);
    assertThat(gateway.createRefund(tx, amount, "duplicate", refundKey)).isSameAs(refunded);
    assertThat(gateway.getRefund("rf_1")).isSameAs(refund);
    assertThat(fired).as("only createPayment is a crash point of the gateway").isEmpty();
  }
}
