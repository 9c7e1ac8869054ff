package dev.paykit.inbound.worker;

import dev.paykit.port.in.Reconcile;
import dev.paykit.port.in.ReconciliationReport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link Reconcile#reconcile()} in the background on one daemon thread ({@code
 * paykit-reconciler-1}): the first pass at start, then each {@link
 * WorkerSettings#reconcileInterval()} after the previous one ended. How queued payments, lost
 * create responses and webhooks that never came get finished without anyone asking. A failed pass
 * is logged; the next one comes as planned.
 *
 * <p>{@link #stop(Duration)} lets a pass in progress finish within the grace period and interrupts
 * it after that. A reconciliation pass claims nothing: what it did not reach, the next pass (here
 * after a restart, or in another process) finds again.
 */
public final class ReconcilerWorker implements AutoCloseable {
  /** The grace period of {@link #close()}. */
  public static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(ReconcilerWorker.class);

  private final WorkerLoop loop;

  @Inject
  public ReconcilerWorker(Reconcile reconcile, WorkerSettings settings) {
    Objects.requireNonNull(reconcile, "reconcile");
    Objects.requireNonNull(settings, "settings");
    Duration interval = settings.reconcileInterval();
    this.loop =
        new WorkerLoop(
            "paykit-reconciler",
            1,
            Duration.ZERO,
            Duration.ZERO,
            log,
            stop -> {
              ReconciliationReport report = reconcile.reconcile();
              log.debug(
                  "Reconciliation pass: {} payments and {} refunds examined, {} changed",
                  report.items().size(),
                  report.refunds().size(),
                  report.changed());
              return interval;
            });
  }

  /**
   * Starts the thread; its first pass runs at once.
   *
   * @throws IllegalStateException if the worker was started before: a stopped worker stays stopped
   */
  public ReconcilerWorker start() {
    loop.start();
    return this;
  }

  /**
   * Stops the thread: no new pass starts, a pass in progress gets {@code grace} to finish and is
   * interrupted after that. Calling it again does nothing more.
   *
   * @return true when the thread has ended; false only if a pass hung past being interrupted
   * @throws dev.paykit.domain.ValidationException naming {@code grace} if it is null or negative
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
