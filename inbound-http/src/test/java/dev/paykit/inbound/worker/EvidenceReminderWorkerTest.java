package dev.paykit.inbound.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paykit.port.in.RemindEvidenceDue;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EvidenceReminderWorkerTest {
  private final AtomicInteger passes = new AtomicInteger();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

  private EvidenceReminderWorker worker(RemindEvidenceDue reminders, Duration interval) {
    return new EvidenceReminderWorker(
        reminders, WorkerSettings.defaults().withReconcileInterval(interval));
  }

  @Test
  void passes_run_at_start_and_after_each_interval_on_one_named_daemon_thread() {
    RemindEvidenceDue counting =
        () -> {
          threads.add(Thread.currentThread());
          passes.incrementAndGet();
          return 0;
        };
    try (EvidenceReminderWorker worker = worker(counting, Duration.ofMillis(10)).start()) {
      await().atMost(Duration.ofSeconds(5)).until(() -> passes.get() >= 3);

      assertThat(threads)
          .singleElement()
          .satisfies(t -> assertThat(t.getName()).isEqualTo("paykit-evidence-reminder-1"))
          .satisfies(t -> assertThat(t.isDaemon()).isTrue());
    }
  }

  @Test
  void passes_go_on_after_one_fails() {
    RemindEvidenceDue failingOnce =
        () -> {
          if (passes.incrementAndGet() == 1) {
            throw new IllegalStateException("store unavailable");
          }
          return 1;
        };
    try (EvidenceReminderWorker worker = worker(failingOnce, Duration.ofMillis(10)).start()) {
      await().atMost(Duration.ofSeconds(10)).until(() -> passes.get() >= 3);
    }
  }

  @Test
  void stop_ends_the_thread() {
    EvidenceReminderWorker worker = worker(() -> 0, Duration.ofHours(1)).start();

    assertThat(worker.stop(Duration.ofSeconds(5))).isTrue();
  }
}
