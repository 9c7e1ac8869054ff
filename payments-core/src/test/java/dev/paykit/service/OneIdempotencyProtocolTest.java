package dev.paykit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paykit.adapter.inmemory.InMemoryStores;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.idempotency.IdempotencyRecord;
import dev.paykit.domain.idempotency.IdempotencyScope;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.in.CreatePaymentResult;
import dev.paykit.port.in.OrderAlreadyPaidException;
import dev.paykit.port.in.ReconciliationReport;
import dev.paykit.port.in.RefundCommand;
import dev.paykit.port.in.RefundNotAllowedException;
import dev.paykit.port.in.RefundResult;
import dev.paykit.port.in.RequestInProgressException;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.Stores;
import dev.paykit.testkit.PaymentSamples;
import dev.paykit.testkit.fake.FakeProvider;
import dev.paykit.testkit.flows.CrashPoint;
import dev.paykit.testkit.flows.FlowClock;
import dev.paykit.testkit.flows.SimulatedCrash;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The one idempotency protocol, as payments and refunds both go through it: a keyed request whose
 * first write is refused leaves no trace of its key, so the corrected request can use the key at
 * once; a request that dies between its two phases leaves its key held with its work recorded, and
 * whoever comes next with the key (or the reconciler) finishes that work with the same key at the
 * provider, so the customer is charged once.
 */
class OneIdempotencyProtocolTest {
  private static final Duration LOCK = PaykitSettings.defaults().idempotencyLock();

  private final FlowClock clock = new FlowClock(Instant.parse("2026-11-24T10:00:00Z"));
  private final FakeProvider provider = new FakeProvider(clock);
  private final InMemoryStores memory = new InMemoryStores();
  private final AtomicBoolean crashAtTheNextUpdate = new AtomicBoolean();
  private final AtomicBoolean answerUnreadableOnce = new AtomicBoolean();
  private final PaykitCore paykit = paykit();

  /**
   * The core on stores whose next payment update can "crash" the process, and on a gateway whose
   * next answer can be unreadable after the provider acted.
   */
  private PaykitCore paykit() {
    PaymentStore payments =
        Intercepted.around(
            PaymentStore.class,
            memory.payments(),
            "update",
            proceed -> {
              if (crashAtTheNextUpdate.getAndSet(false)) {
                throw new SimulatedCrash(CrashPoint.AFTER_PROVIDER_ANSWER);
              }
              return proceed.call();
            });
    ProviderGateway gateway =
        Intercepted.around(
            ProviderGateway.class,
            provider.gateway(),
            "createPayment",
            proceed -> {
              Object answer = proceed.call();
              if (answerUnreadableOnce.getAndSet(false)) {
                throw new IllegalStateException("the answer could not be read");
              }
              return answer;
            });
    Stores stores = StoresOf.withPayments(memory, payments);
    return PaykitCore.builder()
        .stores(stores)
        .provider(gateway, provider.webhookVerifier(clock), provider.webhookParser())
        .clock(clock)
        .build();
  }

  // --- a refused first write ---------------------------------------------------------------

  @Test
  void a_create_refused_for_an_order_in_flight_leaves_its_key_free_for_a_corrected_request() {
    Payment active = create(IdempotencyKey.of("first"), "order-1").payment();
    IdempotencyKey key = IdempotencyKey.of("second");

    CreatePaymentResult refused = create(key, "order-1");

    assertThat(refused).isInstanceOf(CreatePaymentResult.ActivePaymentExists.class);
    assertThat(refused.payment().id()).isEqualTo(active.id());
    assertThat(keyRecord(IdempotencyScope.CREATE_PAYMENT, key)).isNull();

    CreatePaymentResult corrected = create(key, "order-2");

    assertThat(corrected).isInstanceOf(CreatePaymentResult.Started.class);
    assertThat(provider.ledger().paymentsCreated(key)).isEqualTo(1);
    assertThat(memory.payments().findByExternalId(PaymentSamples.request("order-1").externalId()))
        .singleElement()
        .extracting(Payment::id)
        .isEqualTo(active.id());
  }

  @Test
  void a_create_refused_for_a_paid_order_leaves_its_key_free_for_a_corrected_request() {
    Payment paid = create(IdempotencyKey.of("first"), "order-1").payment();
    provider.move(paid.transactionId(), ProviderStatus.CONFIRMED, null);
    paykit.verify().verify(paid.id());
    IdempotencyKey key = IdempotencyKey.of("second");

    assertThatThrownBy(() -> create(key, "order-1")).isInstanceOf(OrderAlreadyPaidException.class);
    assertThat(keyRecord(IdempotencyScope.CREATE_PAYMENT, key)).isNull();

    assertThat(create(key, "order-2")).isInstanceOf(CreatePaymentResult.Started.class);
  }

  @Test
  void a_refund_that_is_not_allowed_leaves_its_key_free_for_a_corrected_refund() {
    Payment paid = create(IdempotencyKey.of("first"), "order-1").payment();
    provider.move(paid.transactionId(), ProviderStatus.CONFIRMED, null);
    paykit.verify().verify(paid.id());
    IdempotencyKey key = IdempotencyKey.of("refund-1");

    assertThatThrownBy(() -> refund(key, paid, 2000))
        .isInstanceOf(RefundNotAllowedException.class)
        .extracting(e -> ((RefundNotAllowedException) e).code())
        .isEqualTo("refund_exceeds_payment");
    assertThat(keyRecord(IdempotencyScope.CREATE_REFUND, key)).isNull();
    assertThat(memory.refunds().findByPaymentId(paid.id())).isEmpty();

    RefundResult corrected = refund(key, paid, 500);

    assertThat(corrected).isInstanceOf(RefundResult.Accepted.class);
    assertThat(provider.ledger().refundsCreated(key)).isEqualTo(1);
    assertThat(memory.refunds().findByPaymentId(paid.id())).hasSize(1);
  }

  // --- a request that stopped between its phases ---------------------------------------------

  @Test
  void a_crash_between_the_phases_holds_the_key_and_the_next_create_finishes_after_the_lock() {
    IdempotencyKey key = IdempotencyKey.of("checkout-1");
    crashAtTheNextUpdate.set(true);

    assertThatThrownBy(() -> create(key, "order-1")).isInstanceOf(SimulatedCrash.class);

    // The provider made the payment; of its answer nothing was kept, as after a killed process.
    assertThat(provider.ledger().paymentsCreated(key)).isEqualTo(1);
    Payment recorded = memory.payments().findByIdempotencyKey(key).orElseThrow();
    assertThat(recorded.state()).isEqualTo(PaymentState.CREATED);
    assertThat(memory.payments().history(recorded.id())).hasSize(1);
    IdempotencyRecord held = keyRecord(IdempotencyScope.CREATE_PAYMENT, key);
    assertThat(held.status()).isEqualTo(IdempotencyRecord.Status.IN_PROGRESS);
    assertThat(held.resultRef()).isEqualTo(recorded.id().value());
    assertThat(held.lockedUntil()).isAfter(clock.instant());

    assertThatThrownBy(() -> create(key, "order-1")).isInstanceOf(RequestInProgressException.class);
    assertThat(provider.ledger().createCalls()).isEqualTo(1);

    clock.advance(LOCK);
    CreatePaymentResult finished = create(key, "order-1");

    assertThat(finished).isInstanceOf(CreatePaymentResult.Started.class);
    assertThat(finished.payment().id()).isEqualTo(recorded.id());
    assertThat(finished.payment().transactionId())
        .isEqualTo(provider.payments().get(0).transactionId());
    assertThat(provider.ledger().createCalls()).isEqualTo(2);
    assertThat(provider.ledger().paymentsCreated(key)).isEqualTo(1);
    assertThat(provider.ledger().totalPaymentsCreated()).isEqualTo(1);
    assertThat(keyRecord(IdempotencyScope.CREATE_PAYMENT, key).status())
        .isEqualTo(IdempotencyRecord.Status.COMPLETED);
  }

  @Test
  void a_crash_between_the_phases_is_finished_by_the_reconciler_with_the_same_key() {
    IdempotencyKey key = IdempotencyKey.of("checkout-1");
    crashAtTheNextUpdate.set(true);
    assertThatThrownBy(() -> create(key, "order-1")).isInstanceOf(SimulatedCrash.class);
    Payment recorded = memory.payments().findByIdempotencyKey(key).orElseThrow();

    clock.advance(PaykitSettings.defaults().resubmitAfter().plusSeconds(1));
    ReconciliationReport report = paykit.reconcile().reconcile();

    assertThat(report.items())
        .singleElement()
        .extracting(ReconciliationReport.Item::action)
        .isEqualTo(ReconciliationReport.Action.RESUBMITTED);
    assertThat(memory.payments().findById(recorded.id()).orElseThrow().state())
        .isEqualTo(PaymentState.STARTED);
    assertThat(provider.ledger().paymentsCreated(key)).isEqualTo(1);
    assertThat(provider.ledger().totalPaymentsCreated()).isEqualTo(1);
    // The reconciler settled the key as well: the shop's retry is answered from the store.
    CreatePaymentResult retried = create(key, "order-1");
    assertThat(retried).isInstanceOf(CreatePaymentResult.Replayed.class);
    assertThat(retried.payment().id()).isEqualTo(recorded.id());
    assertThat(provider.ledger().createCalls()).isEqualTo(2);
  }

  @Test
  void a_gateway_failing_after_the_provider_acted_frees_the_key_at_once_and_charges_once() {
    IdempotencyKey key = IdempotencyKey.of("checkout-1");
    answerUnreadableOnce.set(true);

    CreatePaymentResult unknown = create(key, "order-1");

    assertThat(unknown).isInstanceOf(CreatePaymentResult.Pending.class);
    assertThat(unknown.payment().state()).isEqualTo(PaymentState.SUBMITTED);
    assertThat(provider.ledger().paymentsCreated(key)).isEqualTo(1);
    assertThat(keyRecord(IdempotencyScope.CREATE_PAYMENT, key).lockedUntil())
        .isEqualTo(clock.instant());

    CreatePaymentResult retried = create(key, "order-1");

    assertThat(retried).isInstanceOf(CreatePaymentResult.Started.class);
    assertThat(retried.payment().id()).isEqualTo(unknown.payment().id());
    assertThat(provider.ledger().createCalls()).isEqualTo(2);
    assertThat(provider.ledger().paymentsCreated(key)).isEqualTo(1);
    assertThat(provider.ledger().totalPaymentsCreated()).isEqualTo(1);
  }

  private CreatePaymentResult create(IdempotencyKey key, String order) {
    return paykit.create().create(new CreatePaymentCommand(key, PaymentSamples.request(order)));
  }

  private RefundResult refund(IdempotencyKey key, Payment paid, long minor) {
    return paykit.refund().refund(new RefundCommand(key, paid.id(), Money.of(minor, "EUR"), null));
  }

  private IdempotencyRecord keyRecord(IdempotencyScope scope, IdempotencyKey key) {
    return memory.idempotencyKeys().find(scope, key).orElse(null);
  }
}
