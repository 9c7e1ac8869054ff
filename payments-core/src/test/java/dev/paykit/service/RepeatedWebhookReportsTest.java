package dev.paykit.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.adapter.inmemory.InMemoryStores;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Outcome;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.payment.TransitionSource;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.in.InboxRunReport;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.testkit.PaymentSamples;
import dev.paykit.testkit.fake.FakeProvider;
import dev.paykit.testkit.fake.SignedWebhook;
import dev.paykit.testkit.flows.FlowClock;
import dev.paykit.testkit.flows.RecordingObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A provider that keeps saying what it said before grows a payment's trail by one entry, counted,
 * not by one entry each time: the trail shows every distinct report once, with the event id and
 * time of its first occurrence, how often it came and when it came last.
 */
class RepeatedWebhookReportsTest {
  private static final int TIMES = 5;

  private final FlowClock clock = new FlowClock(Instant.parse("2026-11-24T10:00:00Z"));
  private final FakeProvider provider = new FakeProvider(clock);
  private final RecordingStores stores = new RecordingStores(new InMemoryStores());
  private final RecordingObserver observer = new RecordingObserver();
  private final PaykitCore paykit =
      PaykitCore.builder()
          .stores(stores)
          .provider(provider.gateway(), provider.webhookVerifier(clock), provider.webhookParser())
          .observer(observer)
          .clock(clock)
          .build();

  @Test
  void the_same_duplicate_report_applied_k_times_adds_one_entry_repeated_k_minus_one_times() {
    Payment paid = paid("order-1");
    List<HistoryEntry> before = stores.payments().history(paid.id());
    List<SignedWebhook> duplicates = new ArrayList<>();
    List<Instant> times = new ArrayList<>();

    for (int i = 0; i < TIMES; i++) {
      clock.advance(Duration.ofSeconds(10));
      SignedWebhook again = provider.move(paid.transactionId(), ProviderStatus.CONFIRMED, null);
      duplicates.add(again);
      times.add(clock.instant());
      deliver(again);
      assertThat(paykit.inbox().processPending(10).processed()).isEqualTo(1);
    }

    List<HistoryEntry> history = stores.payments().history(paid.id());
    assertThat(history).hasSize(before.size() + 1).startsWith(before.toArray(HistoryEntry[]::new));
    HistoryEntry counted = history.get(history.size() - 1);
    assertThat(counted.outcome()).isEqualTo(Outcome.DUPLICATE);
    assertThat(counted.source()).isEqualTo(TransitionSource.WEBHOOK);
    assertThat(counted.reported()).isEqualTo(PaymentState.SUCCEEDED);
    assertThat(counted.repeats()).isEqualTo(TIMES - 1);
    assertThat(counted.timesSaid()).isEqualTo(TIMES);
    assertThat(counted.eventId()).isEqualTo(duplicates.get(0).eventId().value());
    assertThat(counted.at()).isEqualTo(times.get(0));
    assertThat(counted.lastSeenAt()).isEqualTo(times.get(TIMES - 1));
    Payment after = stores.payments().findById(paid.id()).orElseThrow();
    assertThat(after.version()).isEqualTo(paid.version() + 1);
    assertThat(after.latest()).isEqualTo(counted);
    assertThat(observer.events(PaykitEvent.PaymentTransition.class))
        .filteredOn(t -> t.entry().outcome() == Outcome.DUPLICATE)
        .hasSize(TIMES);
  }

  @Test
  void a_repeat_is_counted_in_the_one_phase_that_reads_the_payment_and_marks_the_event() {
    Payment paid = paid("order-1");
    deliver(provider.move(paid.transactionId(), ProviderStatus.CONFIRMED, null));
    paykit.inbox().processPending(10);
    deliver(provider.move(paid.transactionId(), ProviderStatus.CONFIRMED, null));
    stores.reset();

    InboxRunReport report = paykit.inbox().processPending(10);

    assertThat(report.processed()).isEqualTo(1);
    assertThat(stores.trace())
        .containsExactly(
            "- inbox.claim",
            "1 payments.findByTransactionId",
            "1 payments.countRepeat",
            "1 inbox.markProcessed");
    assertThat(stores.payments().history(paid.id()).get((int) paid.version() + 1).repeats())
        .isEqualTo(1);
  }

  private Payment paid(String order) {
    Payment started =
        paykit
            .create()
            .create(
                new CreatePaymentCommand(
                    IdempotencyKey.derive("user-7", order, "attempt-1"),
                    PaymentSamples.request(order)))
            .payment();
    deliver(provider.move(started.transactionId(), ProviderStatus.CONFIRMED, null));
    paykit.inbox().processPending(10);
    Payment paid = stores.payments().findById(started.id()).orElseThrow();
    assertThat(paid.state()).isEqualTo(PaymentState.SUCCEEDED);
    return paid;
  }

  private void deliver(SignedWebhook webhook) {
    paykit.receiveWebhook().receive(webhook.body(), webhook.headers());
  }
}
