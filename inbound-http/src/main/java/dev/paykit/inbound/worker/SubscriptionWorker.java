package dev.paykit.inbound.worker;

import dev.paykit.port.in.RunSubscriptions;
import dev.paykit.port.in.SubscriptionRunReport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link RunSubscriptions#runOnce()} in the background on one daemon thread ({@code
 * paykit-subscriptions-1}): the first pass at start, then each {@link
 * WorkerSettings#reconcileInterval()} after the previous one ended, or at once after a pass that
 * found work. Safe on any number of instances: each pass claims its subscriptions ({@code FOR
 * UPDATE SKIP LOCKED} on PostgreSQL), and every charge's key is derived from the subscription, the
 * cycle and the attempt, so a cycle is charged once however many passes meet. A failed pass is
 * logged; the next one comes as planned.
 */
public final class SubscriptionWorker implements AutoCloseable {
  /** The grace period of {@link #close()}. */
  public static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(SubscriptionWorker.class);

  private final WorkerLoop loop;

  @Inject
  public SubscriptionWorker(RunSubscriptions subscriptions, WorkerSettings settings) {
    Objects.requireNonNull(subscriptions, "subscriptions");
    Objects.requireNonNull(settings, "settings");
    Duration interval = settings.reconcileInterval();
    this.loop =
        new WorkerLoop(
            "paykit-subscriptions",
            1,
            Duration.ZERO,
            Duration.ZERO,
            log,
            stop -> {
              SubscriptionRunReport report = subscriptions.runOnce();
              log.debug(
                  "Subscription pass: {} claimed, {} notices, {} charges, {} other steps",
                  report.claimed(),
                  report.notices(),
                  report.charges(),
                  report.steps());
              // Claimed subscriptions stay claimed for a while, so an immediate pass only picks
              // up others: worth it when there was work, wasted when there was none.
              return report.claimed() > 0 ? Duration.ZERO : interval;
            });
  }

  /**
   * Starts the thread; its first pass runs at once.
   *
   * @throws IllegalStateException if the worker was started before: a stopped worker stays stopped
   */
  public SubscriptionWorker start() {
    loop.start();
    return this;
  }

  /**
   * Stops the thread: no new pass starts, a pass in progress gets {@code grace} to finish and is
   * interrupted after that.
   *
   * @return true when the thread has ended; false only if a pass hung past being interrupted
   */
  public boolean stop(Duration grace) {
    return loop.stop(grace);
  }

  /** {@link #stop(Duration)} with {@link #CLOSE_GRACE}. */
  @Override
  public void close() {
    stop(CLOSE_GRACE);
  }
}
