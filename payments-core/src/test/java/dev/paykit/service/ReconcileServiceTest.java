package dev.paykit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.paykit.adapter.inmemory.InMemoryStores;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Outcome;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.payment.TransitionSource;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.in.CreatePaymentResult;
import dev.paykit.port.in.ReconciliationReport;
import dev.paykit.port.in.ReconciliationReport.Action;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.ProviderFacts;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.testkit.PaymentSamples;
import dev.paykit.testkit.fake.FakeProvider;
import dev.paykit.testkit.flows.FlowClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How often the reconciler asks the provider about a payment, and what the asking leaves behind.
 */
class ReconcileServiceTest {
  private static final Duration LOOK_UP_AFTER = Duration.ofMinutes(5);

  private final FlowClock clock = new FlowClock(Instant.parse("2026-11-24T10:00:00Z"));
  private final FakeProvider provider = new FakeProvider(clock);
  private final ProviderGateway gateway = spy(provider.gateway());
  private final InMemoryStores stores = new InMemoryStores();
  private final PaymentStore payments = stores.payments();
  private final PaykitCore paykit =
      PaykitCore.builder()
          .stores(stores)
          .provider(gateway, provider.webhookVerifier(clock), provider.webhookParser())
          .observer(PaykitObserver.noop())
          .settings(
              PaykitSettings.defaults().withReconciliation(Duration.ofSeconds(30), LOOK_UP_AFTER))
          .clock(clock)
          .build();

  @Test
  void
      passes_over_an_unpaid_payment_the_provider_still_calls_started_leave_its_history_as_it_was() {
    Payment started = start("order-1");
    List<HistoryEntry> before = history(started);
    int passes = 12;

    for (int pass = 0; pass < passes; pass++) {
      clock.advance(LOOK_UP_AFTER.plusSeconds(1));
      ReconciliationReport report = paykit.reconcile().reconcile();

      assertThat(report.items())
          .singleElement()
          .satisfies(item -> assertThat(item.action()).isEqualTo(Action.LOOKED_UP))
          .satisfies(item -> assertThat(item.after()).isEqualTo(PaymentState.STARTED));
    }

    Payment after = stored(started);
    assertThat(history(after)).isEqualTo(before);
    assertThat(after.latest()).isEqualTo(started.latest());
    assertThat(after.version()).isEqualTo(started.version());
    verify(gateway, times(passes)).getPayment(started.transactionId());
  }

  @Test
  void a_payment_is_looked_up_at_most_once_per_threshold_however_often_the_reconciler_runs() {
    Payment started = start("order-1");
    List<HistoryEntry> before = history(started);

    for (int minute = 1; minute <= 21; minute++) {
      clock.advance(Duration.ofMinutes(1));
      paykit.reconcile().reconcile();
    }

    // Quiet since minute 0: due after minute 5, so asked at 6, 12 and 18.
    verify(gateway, times(3)).getPayment(started.transactionId());
    assertThat(history(started)).isEqualTo(before);
  }

  @Test
  void a_look_up_that_brings_news_is_kept_in_the_history_and_applied() {
    Payment started = lookedUpOnceThenMovedAtTheProvider();
    List<HistoryEntry> before = history(started);
    // The look-up while nothing had changed left no trace: the create's entry is still the latest.
    assertThat(before).last().isEqualTo(started.latest());

    clock.advance(LOOK_UP_AFTER.plusSeconds(1));
    ReconciliationReport report = paykit.reconcile().reconcile();

    assertThat(report.changed()).isEqualTo(1);
    Payment after = stored(started);
    assertThat(after.state()).isEqualTo(PaymentState.IN_PROGRESS);
    List<HistoryEntry> history = history(after);
    assertThat(history).hasSize(before.size() + 1).startsWith(before.toArray(HistoryEntry[]::new));
    assertThat(history.get(history.size() - 1))
        .isEqualTo(after.latest())
        .satisfies(entry -> assertThat(entry.source()).isEqualTo(TransitionSource.LOOKUP))
        .satisfies(entry -> assertThat(entry.outcome()).isEqualTo(Outcome.APPLIED));
  }

  @Test
  void a_payment_that_changed_after_its_look_up_waits_a_whole_threshold_from_the_change() {
    lookedUpOnceThenMovedAtTheProvider();
    clock.advance(LOOK_UP_AFTER.plusSeconds(1));
    paykit.reconcile().reconcile();

    clock.advance(LOOK_UP_AFTER.minusSeconds(1));
    assertThat(paykit.reconcile().reconcile().items()).isEmpty();
    clock.advance(Duration.ofSeconds(2));
    assertThat(paykit.reconcile().reconcile().items()).hasSize(1);
  }

  /** A started payment, looked up once while unpaid, then in progress at the provider. */
  @Test
  void a_lost_create_is_sent_again_only_within_the_key_memory_its_gateway_declares() {
    // Far shorter than the reference API's 23 h: the reconciler must take the gateway's word.
    doReturn(new ProviderFacts(Duration.ofHours(1))).when(gateway).facts();
    provider.failNext(
        FakeProvider.Operation.CREATE_PAYMENT, FakeProvider.Fault.timeoutAfterActing());
    Payment lost =
        paykit
            .create()
            .create(
                new CreatePaymentCommand(
                    IdempotencyKey.derive("user-7", "order-1", "attempt-1"),
                    PaymentSamples.request("order-1")))
            .payment();
    assertThat(lost.state()).isEqualTo(PaymentState.SUBMITTED);

    clock.advance(Duration.ofHours(2));
    ReconciliationReport report = paykit.reconcile().reconcile();

    assertThat(report.items())
        .singleElement()
        .satisfies(item -> assertThat(item.action()).isEqualTo(Action.FOUND_BY_EXTERNAL_ID));
    verify(gateway, times(1)).createPayment(any(), any());
  }

  private Payment lookedUpOnceThenMovedAtTheProvider() {
    Payment started = start("order-1");
    clock.advance(LOOK_UP_AFTER.plusSeconds(1));
    paykit.reconcile().reconcile();
    provider.move(started.transactionId(), ProviderStatus.IN_PROGRESS, null);
    return started;
  }

  private Payment start(String order) {
    CreatePaymentResult result =
        paykit
            .create()
            .create(
                new CreatePaymentCommand(
                    IdempotencyKey.derive("user-7", order, "attempt-1"),
                    PaymentSamples.request(order)));
    assertThat(result).isInstanceOf(CreatePaymentResult.Started.class);
    return result.payment();
  }

  private List<HistoryEntry> history(Payment payment) {
    return payments.history(payment.id());
  }

  private Payment stored(Payment payment) {
    return payments.findById(payment.id()).orElseThrow();
  }
}
