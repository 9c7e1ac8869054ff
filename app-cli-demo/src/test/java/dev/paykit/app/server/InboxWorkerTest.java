package dev.paykit.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.in.InboxRunReport;
import dev.paykit.port.in.ProcessInbox;
import dev.paykit.port.shared.InboxEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InboxWorkerTest {

  /** Counts passes; the first {@code failuresLeft} of them fail. */
  private static final class CountingInbox implements ProcessInbox {
    final AtomicInteger passes = new AtomicInteger();
    final AtomicInteger failuresLeft = new AtomicInteger();

    @Override
    public InboxRunReport processPending(int maxEvents) {
      passes.incrementAndGet();
      if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new IllegalStateException("database down");
      }
      return new InboxRunReport(0, 0, 0, 0);
    }

    @Override
    public List<InboxEvent> deadLetters(int limit) {
      return List.of();
    }

    @Override
    public boolean replayDeadLetter(EventId id) {
      return false;
    }
  }

  @Test
  void an_idle_worker_polls_after_its_idle_wait() {
    CountingInbox inbox = new CountingInbox();
    try (InboxWorker worker = new InboxWorker(inbox, 10, Duration.ofMillis(20), 1).start()) {
      await().atMost(Duration.ofSeconds(5)).until(() -> inbox.passes.get() >= 3);
    }
  }

  @Test
  void waking_a_worker_ends_its_idle_wait_at_once() {
    CountingInbox inbox = new CountingInbox();
    try (InboxWorker worker = new InboxWorker(inbox, 10, Duration.ofHours(1), 1).start()) {
      await().atMost(Duration.ofSeconds(5)).until(() -> inbox.passes.get() == 1);

      worker.wakeUp();

      await().atMost(Duration.ofSeconds(5)).until(() -> inbox.passes.get() == 2);
    }
  }

  @Test
  void a_failing_pass_does_not_stop_the_worker() {
    CountingInbox inbox = new CountingInbox();
    inbox.failuresLeft.set(1);
    try (InboxWorker worker = new InboxWorker(inbox, 10, Duration.ofMillis(10), 1).start()) {
      await().atMost(Duration.ofSeconds(5)).until(() -> inbox.passes.get() >= 3);
    }
  }

  @Test
  void a_closed_worker_makes_no_more_passes() {
    CountingInbox inbox = new CountingInbox();
    InboxWorker worker = new InboxWorker(inbox, 10, Duration.ofMillis(10), 2).start();
    await().atMost(Duration.ofSeconds(5)).until(() -> inbox.passes.get() >= 2);

    worker.close();
    int afterClose = inbox.passes.get();
    worker.wakeUp();

    await()
        .during(Duration.ofMillis(200))
        .atMost(Duration.ofSeconds(2))
        .until(() -> inbox.passes.get() == afterClose);
    assertThat(inbox.passes.get()).isEqualTo(afterClose);
  }
}
