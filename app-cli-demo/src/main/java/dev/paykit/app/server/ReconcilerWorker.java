package dev.paykit.app.server;

import dev.paykit.port.in.Reconcile;
import dev.paykit.port.in.ReconciliationReport;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link Reconcile#reconcile()} every {@code interval} in the background: how queued payments,
 * lost create responses and webhooks that never came get finished without anyone asking.
 */
public final class ReconcilerWorker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReconcilerWorker.class);

  private final Reconcile reconcile;
  private final Duration interval;
  private final ScheduledExecutorService scheduler;

  public ReconcilerWorker(Reconcile reconcile, Duration interval) {
    this.reconcile = Objects.requireNonNull(reconcile, "reconcile");
    this.interval = Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive");
    }
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "paykit-reconciler");
              thread.setDaemon(true);
              return thread;
            });
  }

  public ReconcilerWorker start() {
    long millis = interval.toMillis();
    scheduler.scheduleWithFixedDelay(this::pass, millis, millis, TimeUnit.MILLISECONDS);
    return this;
  }

  private void pass() {
    try {
      ReconciliationReport report = reconcile.reconcile();
      log.debug(
          "Reconciliation pass: {} payments and {} refunds examined, {} changed",
          report.items().size(),
          report.refunds().size(),
          report.changed());
    } catch (RuntimeException e) {
      // A failed pass must not end the schedule: the next one tries again.
      log.warn("Reconciliation pass failed: {}", e.toString());
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
