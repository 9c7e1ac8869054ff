package dev.paykit.inbound.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.paykit.port.in.Reconcile;
import dev.paykit.port.in.ReconciliationReport;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReconcilerWorkerTest {
  private static final ReconciliationReport NOTHING =
      new ReconciliationReport(List.of(), List.of());

  private final AtomicInteger passes = new AtomicInteger();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

  @Test
  void the_first_pass_runs_at_start_and_the_next_after_the_interval() {
    try (ReconcilerWorker worker = worker(counting(), Duration.ofMillis(50)).start()) {
      await().atMost(Duration.ofSeconds(2)).until(() -> passes.get() >= 1);
      await().atMost(Duration.ofSeconds(5)).until(() -> passes.get() >= 3);
    }
  }

  @Test
  void passes_go_on_after_one_fails() {
    Reconcile failingOnce =
        () -> {
          threads.add(Thread.currentThread());
          if (passes.incrementAndGet() == 1) {
            throw new IllegalStateException("provider unreachable");
          }
          return NOTHING;
        };
    try (ReconcilerWorker worker = worker(failingOnce, Duration.ofMillis(10)).start()) {
      await().atMost(Duration.ofSeconds(10)).until(() -> passes.get() >= 3);

      assertThat(threads).singleElement().satisfies(t -> assertThat(t.isAlive()).isTrue());
    }
  }

  @Test
  void it_runs_on_one_named_daemon_thread() {
    try (ReconcilerWorker worker = worker(counting(), Duration.ofMillis(1)).start()) {
      await().atMost(Duration.ofSeconds(5)).until(() -> passes.get() >= 20);

      assertThat(threads)
          .singleElement()
          .satisfies(t -> assertThat(t.getName()).isEqualTo("paykit-reconciler-1"))
          .satisfies(t -> assertThat(t.isDaemon()).isTrue());
    }
  }

  @Test
  void stop_lets_the_pass_in_progress_finish_within_the_grace_period() throws Exception {
    CountDownLatch open = new CountDownLatch(1);
    AtomicBoolean finished = new AtomicBoolean();
    ReconcilerWorker worker = worker(held(open, finished), Duration.ofHours(1)).start();
    await().atMost(Duration.ofSeconds(5)).until(() -> passes.get() == 1);

    CompletableFuture<Boolean> stopping = Threads.async(() -> worker.stop(Duration.ofSeconds(30)));
    Thread.sleep(200);
    assertThat(stopping).isNotDone();
    open.countDown();

    assertThat(stopping.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(finished).isTrue();
    assertThat(passes.get()).isEqualTo(1);
  }

  @Test
  void a_pass_that_outlasts_the_grace_period_is_interrupted() {
    AtomicBoolean finished = new AtomicBoolean();
    ReconcilerWorker worker =
        worker(held(new CountDownLatch(1), finished), Duration.ofHours(1)).start();
    await().atMost(Duration.ofSeconds(5)).until(() -> passes.get() == 1);

    long started = System.nanoTime();
    assertThat(worker.stop(Duration.ofMillis(100))).isTrue();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(finished).isFalse();
    assertThat(threads).singleElement().satisfies(t -> assertThat(t.isAlive()).isFalse());
  }

  @Test
  void stop_is_idempotent_and_leaves_no_thread_behind() {
    ReconcilerWorker worker = worker(counting(), Duration.ofHours(1)).start();
    await().atMost(Duration.ofSeconds(5)).until(() -> passes.get() == 1);

    assertThat(worker.stop(Duration.ofSeconds(5))).isTrue();
    assertThat(worker.stop(Duration.ofSeconds(5))).isTrue();

    assertThat(Threads.alive("paykit-reconciler-")).isEmpty();
    assertThat(passes.get()).isEqualTo(1);
    assertThatThrownBy(worker::start).isInstanceOf(IllegalStateException.class);
  }

  private Reconcile counting() {
    return () -> {
      threads.add(Thread.currentThread());
      passes.incrementAndGet();
      return NOTHING;
    };
  }

  /**
   * A pass that waits for {@code open}; an interrupt ends it unfinished, as a gateway call ends.
   */
  private Reconcile held(CountDownLatch open, AtomicBoolean finished) {
    return () -> {
      threads.add(Thread.currentThread());
      passes.incrementAndGet();
      try {
        open.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while asking the provider", e);
      }
      finished.set(true);
      return NOTHING;
    };
  }

  private static ReconcilerWorker worker(Reconcile reconcile, Duration interval) {
    return new ReconcilerWorker(
        reconcile, WorkerSettings.defaults().withReconcileInterval(interval));
  }
}
