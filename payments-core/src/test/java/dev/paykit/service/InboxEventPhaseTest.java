package dev.paykit.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.adapter.inmemory.InMemoryStores;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.payment.TransitionSource;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.in.InboxRunReport;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.WebhookInbox;
import dev.paykit.port.shared.InboxEvent;
import dev.paykit.testkit.Concurrently;
import dev.paykit.testkit.PaymentSamples;
import dev.paykit.testkit.fake.FakeProvider;
import dev.paykit.testkit.fake.SignedWebhook;
import dev.paykit.testkit.flows.FlowClock;
import dev.paykit.testkit.flows.RecordingObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * An inbox event is applied to its payment and marked processed in one phase: a worker whose claim
 * passed to another while it worked has its write undone with the marking that failed, and workers
 * applying different events to one payment at once each apply theirs exactly once.
 */
class InboxEventPhaseTest {
  private static final Duration CLAIM_FOR = PaykitSettings.defaults().inboxClaimFor();

  private final FlowClock clock = new FlowClock(Instant.parse("2026-11-24T10:00:00Z"));
  private final FakeProvider provider = new FakeProvider(clock);
  private final InMemoryStores memory = new InMemoryStores();
  private final RecordingObserver observer = new RecordingObserver();
  private final AtomicBoolean anotherWorkerTakesTheNextClaim = new AtomicBoolean();
  private final List<InboxEvent> takenByTheOther = new CopyOnWriteArrayList<>();
  private final PaykitCore paykit =
      PaykitCore.builder()
          .stores(StoresOf.withInbox(memory, inbox()))
          .provider(provider.gateway(), provider.webhookVerifier(clock), provider.webhookParser())
          .observer(observer)
          .clock(clock)
          .build();

  /**
   * The inbox, where right after the next claim the claim runs out and another worker claims the
   * same events, before the first one has applied any of them.
   */
  private WebhookInbox inbox() {
    return Intercepted.around(
        WebhookInbox.class,
        memory.inbox(),
        "claim",
        proceed -> {
          Object claimed = proceed.call();
          if (anotherWorkerTakesTheNextClaim.getAndSet(false)) {
            clock.advance(CLAIM_FOR.plusSeconds(1));
            takenByTheOther.addAll(memory.inbox().claim(clock.instant(), 10, CLAIM_FOR));
          }
          return claimed;
        });
  }

  @Test
  void a_worker_whose_claim_was_lost_has_its_write_to_the_payment_undone() {
    Payment started = started("order-1");
    SignedWebhook confirmed =
        provider.move(started.transactionId(), ProviderStatus.CONFIRMED, null);
    deliver(confirmed);
    List<HistoryEntry> before = memory.payments().history(started.id());
    int transitionsBefore = observer.events(PaykitEvent.PaymentTransition.class).size();
    anotherWorkerTakesTheNextClaim.set(true);

    InboxRunReport lost = paykit.inbox().processPending(10);

    assertThat(lost.claimed()).isEqualTo(1);
    assertThat(lost.processed()).isZero();
    assertThat(lost.retried()).isZero();
    Payment unchanged = memory.payments().findById(started.id()).orElseThrow();
    assertThat(unchanged.state()).isEqualTo(PaymentState.STARTED);
    assertThat(unchanged.version()).isEqualTo(started.version());
    assertThat(memory.payments().history(started.id())).isEqualTo(before);
    assertThat(takenByTheOther).singleElement();
    InboxEvent stored = memory.inbox().find(confirmed.eventId()).orElseThrow();
    assertThat(stored.status()).isEqualTo(InboxEvent.Status.PROCESSING);
    assertThat(stored.claimToken()).isEqualTo(takenByTheOther.get(0).claimToken());
    // Observers hear of a write once its phase is kept, and this one was not.
    assertThat(observer.events(PaykitEvent.PaymentTransition.class)).hasSize(transitionsBefore);
    assertThat(observer.events(PaykitEvent.WebhookProcessed.class)).isEmpty();

    clock.advance(CLAIM_FOR.plusSeconds(1));
    InboxRunReport applied = paykit.inbox().processPending(10);

    assertThat(applied.processed()).isEqualTo(1);
    assertThat(memory.payments().findById(started.id()).orElseThrow().state())
        .isEqualTo(PaymentState.SUCCEEDED);
    assertThat(memory.payments().history(started.id()))
        .filteredOn(e -> confirmed.eventId().value().equals(e.eventId()))
        .singleElement()
        .satisfies(e -> assertThat(e.timesSaid()).isEqualTo(1));
    assertThat(observer.events(PaykitEvent.PaymentTransition.class)).hasSize(transitionsBefore + 1);
  }

  @Test
  void workers_applying_different_events_to_one_payment_at_once_apply_each_exactly_once() {
    Payment started = started("order-1");
    List<ProviderStatus> said =
        List.of(
            ProviderStatus.IN_PROGRESS,
            ProviderStatus.STARTED,
            ProviderStatus.IN_PROGRESS,
            ProviderStatus.CONFIRMED,
            ProviderStatus.IN_PROGRESS,
            ProviderStatus.CONFIRMED,
            ProviderStatus.EXPIRED,
            ProviderStatus.CONFIRMED,
            ProviderStatus.STARTED,
            ProviderStatus.CONFIRMED,
            ProviderStatus.IN_PROGRESS,
            ProviderStatus.CONFIRMED);
    List<SignedWebhook> webhooks = new ArrayList<>();
    for (ProviderStatus status : said) {
      SignedWebhook webhook = provider.move(started.transactionId(), status, null);
      webhooks.add(webhook);
      deliver(webhook);
    }

    List<Concurrently.Attempt<Integer>> workers =
        Concurrently.run(
            8,
            i ->
                () -> {
                  int processed = 0;
                  InboxRunReport pass;
                  while ((pass = paykit.inbox().processPending(1)).claimed() > 0) {
                    processed += pass.processed();
                  }
                  return processed;
                });

    assertThat(workers).allMatch(Concurrently.Attempt::succeeded);
    assertThat(workers.stream().mapToInt(Concurrently.Attempt::value).sum()).isEqualTo(said.size());
    assertThat(webhooks)
        .allSatisfy(
            w ->
                assertThat(memory.inbox().find(w.eventId()).orElseThrow().status())
                    .isEqualTo(InboxEvent.Status.PROCESSED));
    Payment after = memory.payments().findById(started.id()).orElseThrow();
    List<HistoryEntry> history = memory.payments().history(started.id());
    assertThat(history)
        .extracting(HistoryEntry::sequence)
        .containsExactlyElementsOf(LongStream.rangeClosed(0, after.version()).boxed().toList());
    assertThat(after.latest()).isEqualTo(history.get(history.size() - 1));
    assertThat(
            history.stream()
                .filter(e -> e.source() == TransitionSource.WEBHOOK)
                .mapToInt(HistoryEntry::timesSaid)
                .sum())
        .isEqualTo(said.size());
    assertThat(after.state().isTerminal()).isTrue();
    assertThat(observer.events(PaykitEvent.PaymentTransition.class))
        .filteredOn(t -> t.entry().source() == TransitionSource.WEBHOOK)
        .hasSize(said.size());
    assertThat(observer.events(PaykitEvent.WebhookProcessed.class)).hasSize(said.size());
  }

  private Payment started(String order) {
    return paykit
        .create()
        .create(
            new CreatePaymentCommand(
                IdempotencyKey.derive("user-7", order, "attempt-1"), PaymentSamples.request(order)))
        .payment();
  }

  private void deliver(SignedWebhook webhook) {
    paykit.receiveWebhook().receive(webhook.body(), webhook.headers());
  }
}
