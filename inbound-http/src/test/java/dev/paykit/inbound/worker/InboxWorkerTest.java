package dev.paykit.inbound.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.paykit.domain.ValidationException;
import dev.paykit.domain.payment.ProviderName;
import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.in.InboxRunReport;
import dev.paykit.port.in.ProcessInbox;
import dev.paykit.port.shared.InboxBacklog;
import dev.paykit.port.shared.InboxEvent;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The inbox worker's threads, with an inbox that counts passes and does as it is told. */
class InboxWorkerTest {
  private static final Duration LONG = Duration.ofHours(1);

  /**
   * Counts passes and the threads that ran them; the first {@code failuresLeft} passes fail, the
   * first {@code fullBatchesLeft} claim a full batch, and while {@code hold} is closed a pass
   * waits.
   */
  private static final class CountingInbox implements ProcessInbox {
    final AtomicInteger passes = new AtomicInteger();
    final AtomicInteger failuresLeft = new AtomicInteger();
    final AtomicInteger fullBatchesLeft = new AtomicInteger();
    final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    volatile CountDownLatch hold = new CountDownLatch(0);

    @Override
    public InboxRunReport processPending(int maxEvents) {
      threads.add(Thread.currentThread());
      passes.incrementAndGet();
      try {
        hold.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new IllegalStateException("database down");
      }
      int claimed = fullBatchesLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? maxEvents : 0;
      return new InboxRunReport(claimed, claimed, 0, 0);
    }

    @Override
    public List<InboxEvent> deadLetters(int limit) {
      return List.of();
    }

    @Override
    public boolean replayDeadLetter(ProviderName provider, EventId id) {
      return false;
    }

    @Override
    public InboxBacklog backlog() {
      return InboxBacklog.EMPTY;
    }
  }

  private final CountingInbox inbox = new CountingInbox();

  @Test
  void an_idle_worker_polls_again_after_its_idle_wait() {
    try (InboxWorker worker = worker(1, Duration.ofMillis(20)).start()) {
      await().atMost(Duration.ofSeconds(5)).until(() -> inbox.passes.get() >= 3);
    }
  }

  @Test
  void waking_the_worker_ends_its_idle_wait_at_once() {
    try (InboxWorker worker = worker(1, LONG).start()) {
      await().atMost(Duration.ofSeconds(5)).until(() -> inbox.passes.get() == 1);

      worker.wakeUp();

      await().atMost(Duration.ofSeconds(5)).until(() -> inbox.passes.get() == 2);
    }
  }

  @Test
  void a_wake_up_while_a_pass_runs_is_not_lost() {
    inbox.hold = new CountDownLatch(1);
    try (InboxWorker worker = worker(1, LONG).start()) {
      await().atMost(Duration.ofSeconds(5)).until(() -> inbox.passes.get() == 1);

      worker.wakeUp();
      inbox.hold.countDown();

      await().atMost(Duration.ofSeconds(5)).until(() -> inbox.passes.get() == 2);
    }
  }

  @Test
  void a_wake_up_ends_the_wait_of_one_idle_thread_only() {
    try (InboxWorker worker = worker(3, LONG).start()) {
      await().atMost(Duration.ofSeconds(5)).until(() -> inbox.passes.get() == 3);

      worker.wakeUp();

      await().atMost(Duration.ofSeconds(5)).until(() -> inbox.passes.get() == 4);
      await()
          .during(Duration.ofMillis(300))
          .atMost(Duration.ofSeconds(2))
          .until(() -> inbox.passes.get() == 4);
    }
  }

  @Test
  void a_full_batch_is_followed_by_the_next_pass_at_once() {
    inbox.fullBatchesLeft.set(5);
    try (InboxWorker worker = worker(1, LONG).start()) {
      await().atMost(Duration.ofSeconds(5)).until(() -> inbox.passes.get() == 6);
    }
  }

  @Test
  void a_failing_pass_does_not_end_its_thread() {
    inbox.failuresLeft.set(2);
    try (InboxWorker worker = worker(1, Duration.ofMillis(10)).start()) {
      await().atMost(Duration.ofSeconds(10)).until(() -> inbox.passes.get() >= 4);

      assertThat(inbox.threads).singleElement().satisfies(t -> assertThat(t.isAlive()).isTrue());
    }
  }

  @Test
  void the_worker_runs_a_fixed_number_of_named_daemon_threads() {
    try (InboxWorker worker = worker(3, Duration.ofMillis(1)).start()) {
      await().atMost(Duration.ofSeconds(5)).until(() -> inbox.passes.get() >= 60);

      assertThat(inbox.threads)
          .extracting(Thread::getName)
          .containsExactlyInAnyOrder("paykit-inbox-1", "paykit-inbox-2", "paykit-inbox-3");
      assertThat(inbox.threads).allMatch(Thread::isDaemon);
    }
  }

  @Test
  void stop_ends_an_idle_wait_at_once_and_leaves_no_thread_behind() {
    InboxWorker worker = worker(4, LONG).start();
    await().atMost(Duration.ofSeconds(5)).until(() -> inbox.passes.get() == 4);

    long started = System.nanoTime();
    assertThat(worker.stop(Duration.ofSeconds(30))).isTrue();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(inbox.threads).hasSize(4).noneMatch(Thread::isAlive);
    assertThat(Threads.alive("paykit-inbox-")).isEmpty();
  }

  @Test
  void stop_waits_for_the_pass_in_progress() throws Exception {
    inbox.hold = new CountDownLatch(1);
    InboxWorker worker = worker(1, LONG).start();
    await().atMost(Duration.ofSeconds(5)).until(() -> inbox.passes.get() == 1);

    var stopping = Threads.async(() -> worker.stop(Duration.ofSeconds(30)));
    Thread.sleep(200);
    assertThat(stopping).isNotDone();
    inbox.hold.countDown();

    assertThat(stopping.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(inbox.passes.get()).isEqualTo(1);
  }

  @Test
  void stop_is_idempotent_and_a_stopped_worker_stays_stopped() {
    InboxWorker worker = worker(2, Duration.ofMillis(10)).start();
    await().atMost(Duration.ofSeconds(5)).until(() -> inbox.passes.get() >= 2);

    assertThat(worker.stop(Duration.ofSeconds(5))).isTrue();
    int afterStop = inbox.passes.get();
    assertThat(worker.stop(Duration.ofSeconds(5))).isTrue();
    worker.close();
    worker.wakeUp();

    await()
        .during(Duration.ofMillis(200))
        .atMost(Duration.ofSeconds(2))
        .until(() -> inbox.passes.get() == afterStop);
    assertThatThrownBy(worker::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("stopped");
  }

  @Test
  void a_worker_cannot_be_started_twice() {
    try (InboxWorker worker = worker(1, LONG).start()) {
      assertThatThrownBy(worker::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already running");
    }
  }

  @Test
  void a_worker_that_never_started_stops_at_once() {
    InboxWorker worker = worker(1, LONG);

    assertThat(worker.stop(Duration.ZERO)).isTrue();

    assertThat(inbox.passes.get()).isZero();
  }

  @Test
  void the_grace_period_must_be_given_and_not_negative() {
    try (InboxWorker worker = worker(1, LONG)) {
      assertThatThrownBy(() -> worker.stop(null))
          .isInstanceOfSatisfying(
              ValidationException.class, e -> assertThat(e.field()).isEqualTo("grace"));
      assertThatThrownBy(() -> worker.stop(Duration.ofSeconds(-1)))
          .isInstanceOfSatisfying(
              ValidationException.class, e -> assertThat(e.rule()).isEqualTo("negative"));
    }
  }

  private InboxWorker worker(int threads, Duration idleWait) {
    return new InboxWorker(
        inbox, WorkerSettings.defaults().withThreads(threads).withIdleWait(idleWait));
  }
}
