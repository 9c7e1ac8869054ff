package dev.paykit.inbound.worker;

import dev.paykit.port.in.DispatchOutbox;
import dev.paykit.port.in.OutboxRunReport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the outbox's events to the shop's handler in the background: {@link
 * OutboxWorkerSettings#threads()} daemon threads ({@code paykit-outbox-1}, ...) each call {@link
 * DispatchOutbox#dispatchPending(int, dev.paykit.port.in.StopSignal)} in a loop, at once again
 * after a full batch and after {@link OutboxWorkerSettings#idleWait()} otherwise. Several threads,
 * or several processes on one database, are safe: the outbox's claims are exclusive, and only a
 * payment's earliest undelivered event is ever claimed, so its events still reach the handler in
 * order. A pass that fails (the database is down, no handler is registered) is logged and the next
 * one follows a second later; the thread goes on.
 *
 * <p>{@link #stop(Duration)} takes no new pass and lets the passes in progress finish within the
 * grace period. A pass still running then finishes the event it is handing over and stops; the
 * events it claimed and did not start are given back to the outbox, due at once for whoever runs
 * next (this process after a restart, or another one), still in order. A handler that does not
 * return within {@link #GIVE_BACK_ALLOWANCE} after that is interrupted: its event counts as failed
 * and is retried.
 */
public final class OutboxWorker implements AutoCloseable {
  /** The grace period of {@link #close()}. */
  public static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

  /** After the grace period, how long the handler call in progress gets to return. */
  static final Duration GIVE_BACK_ALLOWANCE = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);

  private final WorkerLoop loop;

  @Inject
  public OutboxWorker(DispatchOutbox outbox, OutboxWorkerSettings settings) {
    Objects.requireNonNull(outbox, "outbox");
    Objects.requireNonNull(settings, "settings");
    int batchSize = settings.batchSize();
    Duration idleWait = settings.idleWait();
    this.loop =
        new WorkerLoop(
            "paykit-outbox",
            settings.threads(),
            // Nothing wakes this worker: the core does not announce appends, the idle wait paces
            // it.
            Duration.ZERO,
            GIVE_BACK_ALLOWANCE,
            log,
            stop -> {
              OutboxRunReport report = outbox.dispatchPending(batchSize, stop);
              if (report.released() > 0) {
                log.info(
                    "Stopping: gave {} claimed events back to the outbox undelivered",
                    report.released());
              }
              return report.claimed() >= batchSize ? Duration.ZERO : idleWait;
            });
  }

  /**
   * Starts the threads.
   *
   * @throws IllegalStateException if the worker was started before: a stopped worker stays stopped
   */
  public OutboxWorker start() {
    loop.start();
    return this;
  }

  /**
   * Stops the threads: no new pass starts, passes in progress get {@code grace} to finish, then
   * stop after the event they are on. Calling it again does nothing more.
   *
   * @param grace how long passes in progress may take; zero stops them after their current event
   * @return true when every thread has ended; false only if a handler hung past being interrupted
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
