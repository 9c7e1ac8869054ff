package dev.paykit.inbound.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.paykit.domain.ValidationException;
import dev.paykit.domain.outbox.OutboxEventId;
import dev.paykit.port.in.DispatchOutbox;
import dev.paykit.port.in.OutboxRunReport;
import dev.paykit.port.in.StopSignal;
import dev.paykit.port.shared.OutboxBacklog;
import dev.paykit.port.shared.OutboxDelivery;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The outbox worker's threads, with a dispatcher that counts passes and does as it is told. */
class OutboxWorkerTest {
  private static final Duration LONG = Duration.ofHours(1);

  /**
   * Counts passes and the threads that ran them; the first {@code failuresLeft} passes fail, the
   * first {@code fullBatchesLeft} claim a full batch, and while {@code hold} is closed a pass waits
   * (until the stop signal is raised, when {@code holdUntilStop} is set).
   */
  private static final class CountingDispatcher implements DispatchOutbox {
    final AtomicInteger passes = new AtomicInteger();
    final AtomicInteger failuresLeft = new AtomicInteger();
    final AtomicInteger fullBatchesLeft = new AtomicInteger();
    final AtomicInteger batchAskedFor = new AtomicInteger();
    final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    final AtomicReference<StopSignal> lastSignal = new AtomicReference<>();
    volatile CountDownLatch hold = new CountDownLatch(0);
    volatile boolean holdUntilStop;

    @Override
    public OutboxRunReport dispatchPending(int maxEvents, StopSignal stop) {
      threads.add(Thread.currentThread());
      lastSignal.set(stop);
      batchAskedFor.set(maxEvents);
      passes.incrementAndGet();
      if (holdUntilStop) {
        await().atMost(Duration.ofSeconds(20)).until(stop::stopRequested);
        // Handed one of its three over, gave two back.
        return new OutboxRunReport(3, 1, 0, 0, 2);
      }
      try {
        hold.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new IllegalStateException("database down");
      }
      int claimed = fullBatchesLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? maxEvents : 0;
      return new OutboxRunReport(claimed, claimed, 0, 0);
    }

    @Override
    public List<OutboxDelivery> deadLetters(int limit) {
      return List.of();
    }

    @Override
    public boolean replay(OutboxEventId id) {
      return false;
    }

    @Override
    public OutboxBacklog backlog() {
      return new OutboxBacklog(0, 0, Duration.ZERO);
    }
  }

  private final CountingDispatcher dispatcher = new CountingDispatcher();

  @Test
  void an_idle_worker_dispatches_again_after_its_idle_wait() {
    try (OutboxWorker worker = worker(1, Duration.ofMillis(20)).start()) {
      await().atMost(Duration.ofSeconds(5)).until(() -> dispatcher.passes.get() >= 3);
    }
  }

  @Test
  void an_idle_worker_waits_its_idle_wait_before_the_next_pass() {
    try (OutboxWorker worker = worker(1, LONG).start()) {
      await().atMost(Duration.ofSeconds(5)).until(() -> dispatcher.passes.get() == 1);

      await()
          .during(Duration.ofMillis(300))
          .atMost(Duration.ofSeconds(2))
          .until(() -> dispatcher.passes.get() == 1);
    }
  }

  @Test
  void a_full_batch_is_followed_by_the_next_pass_at_once() {
    dispatcher.fullBatchesLeft.set(5);
    try (OutboxWorker worker = worker(1, LONG).start()) {
      await().atMost(Duration.ofSeconds(5)).until(() -> dispatcher.passes.get() == 6);

      assertThat(dispatcher.batchAskedFor.get())
          .isEqualTo(OutboxWorkerSettings.defaults().batchSize());
    }
  }

  @Test
  void a_failing_pass_does_not_end_its_thread() {
    dispatcher.failuresLeft.set(2);
    try (OutboxWorker worker = worker(1, Duration.ofMillis(10)).start()) {
      await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.passes.get() >= 4);

      assertThat(dispatcher.threads)
          .singleElement()
          .satisfies(t -> assertThat(t.isAlive()).isTrue());
    }
  }

  @Test
  void the_worker_runs_a_fixed_number_of_named_daemon_threads() {
    try (OutboxWorker worker = worker(3, Duration.ofMillis(1)).start()) {
      await().atMost(Duration.ofSeconds(5)).until(() -> dispatcher.passes.get() >= 60);

      assertThat(dispatcher.threads)
          .extracting(Thread::getName)
          .containsExactlyInAnyOrder("paykit-outbox-1", "paykit-outbox-2", "paykit-outbox-3");
      assertThat(dispatcher.threads).allMatch(Thread::isDaemon);
    }
  }

  @Test
  void stop_ends_an_idle_wait_at_once_and_leaves_no_thread_behind() {
    OutboxWorker worker = worker(4, LONG).start();
    await().atMost(Duration.ofSeconds(5)).until(() -> dispatcher.passes.get() == 4);

    long started = System.nanoTime();
    assertThat(worker.stop(Duration.ofSeconds(30))).isTrue();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(dispatcher.threads).hasSize(4).noneMatch(Thread::isAlive);
    assertThat(Threads.alive("paykit-outbox-")).isEmpty();
  }

  @Test
  void stop_waits_for_the_pass_in_progress_without_raising_its_stop_signal() throws Exception {
    dispatcher.hold = new CountDownLatch(1);
    OutboxWorker worker = worker(1, LONG).start();
    await().atMost(Duration.ofSeconds(5)).until(() -> dispatcher.passes.get() == 1);

    var stopping = Threads.async(() -> worker.stop(Duration.ofSeconds(30)));
    Thread.sleep(200);
    assertThat(stopping).isNotDone();
    assertThat(dispatcher.lastSignal.get().stopRequested()).isFalse();
    dispatcher.hold.countDown();

    assertThat(stopping.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(dispatcher.passes.get()).isEqualTo(1);
  }

  @Test
  void a_pass_still_running_after_the_grace_period_is_told_to_stop() {
    dispatcher.holdUntilStop = true;
    OutboxWorker worker = worker(1, LONG).start();
    await().atMost(Duration.ofSeconds(5)).until(() -> dispatcher.passes.get() == 1);

    long started = System.nanoTime();
    assertThat(worker.stop(Duration.ofMillis(100))).isTrue();

    assertThat(dispatcher.lastSignal.get().stopRequested()).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isLessThan(OutboxWorker.GIVE_BACK_ALLOWANCE);
    assertThat(Threads.alive("paykit-outbox-")).isEmpty();
  }

  @Test
  void stop_is_idempotent_and_a_stopped_worker_stays_stopped() {
    OutboxWorker worker = worker(2, Duration.ofMillis(10)).start();
    await().atMost(Duration.ofSeconds(5)).until(() -> dispatcher.passes.get() >= 2);

    assertThat(worker.stop(Duration.ofSeconds(5))).isTrue();
    int afterStop = dispatcher.passes.get();
    assertThat(worker.stop(Duration.ofSeconds(5))).isTrue();
    worker.close();

    await()
        .during(Duration.ofMillis(200))
        .atMost(Duration.ofSeconds(2))
        .until(() -> dispatcher.passes.get() == afterStop);
    assertThatThrownBy(worker::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("stopped");
  }

  @Test
  void a_worker_cannot_be_started_twice() {
    try (OutboxWorker worker = worker(1, LONG).start()) {
      assertThatThrownBy(worker::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already running");
    }
  }

  @Test
  void a_worker_that_never_started_stops_at_once() {
    OutboxWorker worker = worker(1, LONG);

    assertThat(worker.stop(Duration.ZERO)).isTrue();

    assertThat(dispatcher.passes.get()).isZero();
  }

  @Test
  void the_grace_period_must_be_given_and_not_negative() {
    try (OutboxWorker worker = worker(1, LONG)) {
      assertThatThrownBy(() -> worker.stop(null))
          .isInstanceOfSatisfying(
              ValidationException.class, e -> assertThat(e.field()).isEqualTo("grace"));
      assertThatThrownBy(() -> worker.stop(Duration.ofSeconds(-1)))
          .isInstanceOfSatisfying(
              ValidationException.class, e -> assertThat(e.rule()).isEqualTo("negative"));
    }
  }

  private OutboxWorker worker(int threads, Duration idleWait) {
    return new OutboxWorker(
        dispatcher, OutboxWorkerSettings.defaults().withThreads(threads).withIdleWait(idleWait));
  }
}
