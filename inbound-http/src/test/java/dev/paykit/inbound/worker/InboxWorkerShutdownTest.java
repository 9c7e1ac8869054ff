package dev.paykit.inbound.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paykit.core.flows.InMemoryPaykit;
import dev.paykit.domain.payment.ProviderName;
import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.in.InboxRunReport;
import dev.paykit.port.in.ProcessInbox;
import dev.paykit.port.in.StopSignal;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.shared.InboxBacklog;
import dev.paykit.port.shared.InboxEvent;
import dev.paykit.testkit.fake.SignedWebhook;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stopping the inbox worker in the middle of a pass, on the real core and the in-memory inbox: the
 * pass finishes if the grace period allows, and otherwise gives back what it has not started.
 */
class InboxWorkerShutdownTest {
  private static final WorkerSettings ONE_THREAD =
      WorkerSettings.defaults().withThreads(1).withBatchSize(10).withIdleWait(Duration.ofHours(1));

  /** Until it is opened, the pass waits after applying its first event, holding the rest. */
  private final AtomicReference<BooleanSupplier> afterFirstEvent = new AtomicReference<>();

  private final AtomicBoolean firstEventApplied = new AtomicBoolean();
  private final AtomicReference<StopSignal> signalOfThePass = new AtomicReference<>();
  private final List<InboxRunReport> reports = new CopyOnWriteArrayList<>();
  private InMemoryPaykit memory;
  private List<EventId> events;

  @BeforeEach
  void threeWebhooksWaitInTheInbox() {
    memory = new InMemoryPaykit(Clock.systemUTC(), this::holdAfterTheFirstEvent);
    events = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      SignedWebhook paid = memory.confirm(memory.started("order-" + i));
      memory.receive(paid);
      events.add(paid.eventId());
    }
  }

  @Test
  void a_pass_that_ends_within_the_grace_period_applies_all_it_claimed() throws Exception {
    CountDownLatch open = new CountDownLatch(1);
    afterFirstEvent.set(() -> open.getCount() == 0);
    InboxWorker worker = new InboxWorker(watched(), ONE_THREAD).start();
    await().atMost(Duration.ofSeconds(5)).untilTrue(firstEventApplied);

    CompletableFuture<Boolean> stopping = Threads.async(() -> worker.stop(Duration.ofSeconds(30)));
    Thread.sleep(200);
    assertThat(stopping).isNotDone();
    open.countDown();

    assertThat(stopping.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(statuses()).containsOnly(InboxEvent.Status.PROCESSED);
    assertThat(reports).singleElement().satisfies(r -> assertThat(r.released()).isZero());
  }

  @Test
  void what_the_pass_has_not_started_when_the_grace_period_ends_is_given_back() {
    afterFirstEvent.set(() -> signalOfThePass.get().stopRequested());
    InboxWorker worker = new InboxWorker(watched(), ONE_THREAD).start();
    await().atMost(Duration.ofSeconds(5)).untilTrue(firstEventApplied);

    assertThat(worker.stop(Duration.ofMillis(100))).isTrue();

    assertThat(statuses())
        .containsExactlyInAnyOrder(
            InboxEvent.Status.PROCESSED, InboxEvent.Status.PENDING, InboxEvent.Status.PENDING);
    assertThat(events.stream().map(id -> memory.inbox().find(id).orElseThrow()))
        .filteredOn(e -> e.status() == InboxEvent.Status.PENDING)
        .allSatisfy(
            back -> {
              assertThat(back.attempts()).isZero();
              assertThat(back.claimToken()).isNull();
              assertThat(back.claimedUntil()).isNull();
            });
    assertThat(reports)
        .singleElement()
        .satisfies(r -> assertThat(r.processed()).isEqualTo(1))
        .satisfies(r -> assertThat(r.released()).isEqualTo(2));
    assertThat(Threads.alive("paykit-inbox-")).isEmpty();
  }

  @Test
  void a_restarted_worker_applies_what_was_given_back_at_once() {
    afterFirstEvent.set(() -> signalOfThePass.get().stopRequested());
    InboxWorker first = new InboxWorker(watched(), ONE_THREAD).start();
    await().atMost(Duration.ofSeconds(5)).untilTrue(firstEventApplied);
    first.stop(Duration.ZERO);

    try (InboxWorker restarted = new InboxWorker(memory.core().inbox(), ONE_THREAD).start()) {
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> statuses().stream().allMatch(s -> s == InboxEvent.Status.PROCESSED));
    }
  }

  /** The core's inbox use case, noting the signal it is handed and what each pass did. */
  private ProcessInbox watched() {
    ProcessInbox real = memory.core().inbox();
    return new ProcessInbox() {
      @Override
      public InboxRunReport processPending(int maxEvents) {
        return processPending(maxEvents, StopSignal.NEVER);
      }

      @Override
      public InboxRunReport processPending(int maxEvents, StopSignal stop) {
        signalOfThePass.set(stop);
        InboxRunReport report = real.processPending(maxEvents, stop);
        if (report.claimed() > 0) {
          reports.add(report);
        }
        return report;
      }

      @Override
      public List<InboxEvent> deadLetters(int limit) {
        return real.deadLetters(limit);
      }

      @Override
      public boolean replayDeadLetter(ProviderName provider, EventId id) {
        return real.replayDeadLetter(id);
      }

      @Override
      public InboxBacklog backlog() {
        return real.backlog();
      }
    };
  }

  private void holdAfterTheFirstEvent(PaykitEvent event) {
    if (event instanceof PaykitEvent.WebhookProcessed
        && firstEventApplied.compareAndSet(false, true)) {
      await().atMost(Duration.ofSeconds(20)).until(() -> afterFirstEvent.get().getAsBoolean());
    }
  }

  private List<InboxEvent.Status> statuses() {
    return events.stream().map(id -> memory.inbox().find(id).orElseThrow().status()).toList();
  }
}
