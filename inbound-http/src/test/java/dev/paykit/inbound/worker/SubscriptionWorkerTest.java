package dev.paykit.inbound.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paykit.port.in.RunSubscriptions;
import dev.paykit.port.in.SubscriptionRunReport;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SubscriptionWorkerTest {
  private final AtomicInteger passes = new AtomicInteger();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

  private SubscriptionWorker worker(RunSubscriptions subscriptions, Duration interval) {
    return new SubscriptionWorker(
        subscriptions, WorkerSettings.defaults().withReconcileInterval(interval));
  }

  @Test
  void passes_run_at_start_and_after_each_interval_on_one_named_daemon_thread() {
    RunSubscriptions counting =
        () -> {
          threads.add(Thread.currentThread());
          passes.incrementAndGet();
          return SubscriptionRunReport.NONE;
        };
    try (SubscriptionWorker worker = worker(counting, Duration.ofMillis(10)).start()) {
      await().atMost(Duration.ofSeconds(5)).until(() -> passes.get() >= 3);

      assertThat(threads)
          .singleElement()
          .satisfies(t -> assertThat(t.getName()).isEqualTo("paykit-subscriptions-1"))
          .satisfies(t -> assertThat(t.isDaemon()).isTrue());
    }
  }

  @Test
  void passes_go_on_after_one_fails() {
    RunSubscriptions failingOnce =
        () -> {
          if (passes.incrementAndGet() == 1) {
            throw new IllegalStateException("store unavailable");
          }
          return SubscriptionRunReport.NONE;
        };
    try (SubscriptionWorker worker = worker(failingOnce, Duration.ofMillis(10)).start()) {
      await().atMost(Duration.ofSeconds(10)).until(() -> passes.get() >= 3);
    }
  }

  @Test
  void a_pass_that_found_work_is_followed_at_once_by_another() {
    RunSubscriptions busyThenIdle =
        () -> {
          int pass = passes.incrementAndGet();
          return pass < 3 ? new SubscriptionRunReport(5, 1, 1, 0) : SubscriptionRunReport.NONE;
        };
    try (SubscriptionWorker worker = worker(busyThenIdle, Duration.ofHours(1)).start()) {
      await().atMost(Duration.ofSeconds(5)).until(() -> passes.get() >= 3);
    }
  }

  @Test
  void stop_ends_the_thread() {
    SubscriptionWorker worker =
        worker(() -> SubscriptionRunReport.NONE, Duration.ofHours(1)).start();

    assertThat(worker.stop(Duration.ofSeconds(5))).isTrue();
  }
}
