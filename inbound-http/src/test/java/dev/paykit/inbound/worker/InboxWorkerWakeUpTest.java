package dev.paykit.inbound.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paykit.domain.payment.ProviderName;
import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.in.InboxRunReport;
import dev.paykit.port.in.ProcessInbox;
import dev.paykit.port.in.StopSignal;
import dev.paykit.port.shared.InboxBacklog;
import dev.paykit.port.shared.InboxEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * How wake-ups are coalesced, on real threads: an inbox of numbered events that a pass claims from
 * a queue, as the endpoint stores a delivery first and wakes the worker after.
 */
class InboxWorkerWakeUpTest {
  private static final Duration HOUR = Duration.ofHours(1);

  /** A queue of event numbers; a pass claims up to its batch and applies them, counting each. */
  private static final class QueueInbox implements ProcessInbox {
    final Queue<Integer> stored = new ConcurrentLinkedQueue<>();
    final Map<Integer, AtomicInteger> applied = new ConcurrentHashMap<>();
    final AtomicInteger passes = new AtomicInteger();
    final List<Long> passStarts = new CopyOnWriteArrayList<>();
    final AtomicInteger holdPasses = new AtomicInteger();
    volatile CountDownLatch hold = new CountDownLatch(0);

    @Override
    public InboxRunReport processPending(int maxEvents) {
      return processPending(maxEvents, StopSignal.NEVER);
    }

    @Override
    public InboxRunReport processPending(int maxEvents, StopSignal stop) {
      passStarts.add(System.nanoTime());
      passes.incrementAndGet();
      List<Integer> claimed = new ArrayList<>();
      for (Integer n; claimed.size() < maxEvents && (n = stored.poll()) != null; ) {
        claimed.add(n);
      }
      if (holdPasses.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        try {
          hold.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      claimed.forEach(n -> applied.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet());
      return new InboxRunReport(claimed.size(), claimed.size(), 0, 0);
    }

    void store(int n) {
      stored.add(n);
    }

    boolean allAppliedOnce(int count) {
      return applied.size() == count && applied.values().stream().allMatch(c -> c.get() == 1);
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

  private final QueueInbox inbox = new QueueInbox();

  @Test
  void a_burst_of_wake_ups_starts_a_bounded_number_of_passes() throws Exception {
    Duration interval = Duration.ofMillis(300);
    try (InboxWorker worker = worker(3, 1000, interval).start()) {
      await().atMost(Duration.ofSeconds(5)).until(() -> inbox.passes.get() == 3);
      Thread.sleep(interval.toMillis());

      for (int n = 0; n < 1000; n++) {
        inbox.store(n);
        worker.wakeUp();
      }

      await().atMost(Duration.ofSeconds(5)).until(() -> inbox.allAppliedOnce(1000));
      // One pass at once, and one for what the burst stored after that pass had claimed.
      await()
          .during(Duration.ofMillis(2 * interval.toMillis()))
          .atMost(Duration.ofSeconds(5))
          .until(() -> inbox.passes.get() <= 3 + 2);
    }
  }

  @Test
  void deliveries_spread_over_time_share_passes_and_each_is_applied_once() throws Exception {
    Duration interval = Duration.ofMillis(20);
    int count = 5000;
    try (InboxWorker worker = worker(3, 1000, interval).start()) {
      await().atMost(Duration.ofSeconds(5)).until(() -> inbox.passes.get() == 3);
      int before = inbox.passes.get();

      long started = System.nanoTime();
      Thread[] senders = new Thread[4];
      AtomicInteger next = new AtomicInteger();
      for (int s = 0; s < senders.length; s++) {
        senders[s] =
            new Thread(
                () -> {
                  for (int n; (n = next.getAndIncrement()) < count; ) {
                    inbox.store(n);
                    worker.wakeUp();
                    if (n % 100 == 0) {
                      pause(Duration.ofMillis(5));
                    }
                  }
                });
        senders[s].start();
      }
      for (Thread sender : senders) {
        sender.join();
      }
      long sendingMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();

      await().atMost(Duration.ofSeconds(5)).until(() -> inbox.allAppliedOnce(count));
      int passes = inbox.passes.get() - before;
      // Wake-ups start at most one pass per interval, up to one interval after the last of them;
      // only a full batch starts one more at once: never a pass per delivery.
      int bound = (int) (sendingMillis / interval.toMillis()) + 2 + count / 1000;
      assertThat(passes).isLessThanOrEqualTo(bound);
      assertThat(passes).isLessThan(count / 10);
    }
  }

  @Test
  void a_pass_started_by_a_wake_up_waits_out_the_interval_since_the_last_pass() throws Exception {
    Duration interval = Duration.ofMillis(200);
    try (InboxWorker worker = worker(2, 1000, interval).start()) {
      await().atMost(Duration.ofSeconds(5)).until(() -> inbox.passes.get() == 2);
      Thread.sleep(interval.toMillis());

      inbox.store(1);
      worker.wakeUp();
      await().atMost(Duration.ofSeconds(5)).until(() -> inbox.passes.get() == 3);
      inbox.store(2);
      worker.wakeUp();
      await().atMost(Duration.ofSeconds(5)).until(() -> inbox.passes.get() == 4);

      // The interval counts from just before the third pass was entered, hence the allowance.
      long gap = inbox.passStarts.get(3) - inbox.passStarts.get(2);
      assertThat(Duration.ofNanos(gap)).isGreaterThanOrEqualTo(interval.minusMillis(10));
      assertThat(inbox.allAppliedOnce(2)).isTrue();
    }
  }

  @Test
  void an_event_stored_while_every_thread_is_busy_is_applied_when_one_ends_its_pass()
      throws Exception {
    inbox.hold = new CountDownLatch(1);
    inbox.holdPasses.set(2);
    try (InboxWorker worker = worker(2, 1000, Duration.ofMillis(10)).start()) {
      await().atMost(Duration.ofSeconds(5)).until(() -> inbox.passes.get() == 2);

      inbox.store(7);
      worker.wakeUp();
      Thread.sleep(100);
      assertThat(inbox.applied).isEmpty();
      inbox.hold.countDown();

      // The idle wait is an hour: only the wake-up made while both were busy can start this pass.
      await().atMost(Duration.ofSeconds(2)).until(() -> inbox.allAppliedOnce(1));
    }
  }

  @Test
  void with_no_interval_each_wake_up_after_a_pass_began_starts_the_next_at_once() {
    try (InboxWorker worker = worker(1, 1000, Duration.ZERO).start()) {
      await().atMost(Duration.ofSeconds(5)).until(() -> inbox.passes.get() == 1);

      for (int n = 1; n <= 5; n++) {
        inbox.store(n);
        worker.wakeUp();
        int expected = n + 1;
        await().atMost(Duration.ofSeconds(2)).until(() -> inbox.passes.get() == expected);
      }

      assertThat(inbox.allAppliedOnce(5)).isTrue();
    }
  }

  private InboxWorker worker(int threads, int batchSize, Duration wakeUpInterval) {
    return new InboxWorker(
        inbox,
        WorkerSettings.defaults()
            .withThreads(threads)
            .withBatchSize(batchSize)
            .withIdleWait(HOUR)
            .withWakeUpInterval(wakeUpInterval));
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
