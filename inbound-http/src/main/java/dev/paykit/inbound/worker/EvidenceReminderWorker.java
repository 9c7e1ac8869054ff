package dev.paykit.inbound.worker;

import dev.paykit.port.in.RemindEvidenceDue;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link RemindEvidenceDue#remindDue()} in the background on one daemon thread ({@code
 * paykit-evidence-reminder-1}): the first pass at start, then each {@link
 * WorkerSettings#reconcileInterval()} after the previous one ended, the reconciler's rhythm, which
 * is far finer than the 48 hours a reminder comes before a deadline. The reminder is a step of its
 * dispute, so a pass in several instances at once still raises each reminder once. A failed pass is
 * logged; the next one comes as planned.
 */
public final class EvidenceReminderWorker implements AutoCloseable {
  /** The grace period of {@link #close()}. */
  public static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(EvidenceReminderWorker.class);

  private final WorkerLoop loop;

  @Inject
  public EvidenceReminderWorker(RemindEvidenceDue reminders, WorkerSettings settings) {
    Objects.requireNonNull(reminders, "reminders");
    Objects.requireNonNull(settings, "settings");
    Duration interval = settings.reconcileInterval();
    this.loop =
        new WorkerLoop(
            "paykit-evidence-reminder",
            1,
            Duration.ZERO,
            Duration.ZERO,
            log,
            stop -> {
              int raised = reminders.remindDue();
              log.debug("Evidence reminder pass: {} reminders raised", raised);
              return interval;
            });
  }

  /**
   * Starts the thread; its first pass runs at once.
   *
   * @throws IllegalStateException if the worker was started before: a stopped worker stays stopped
   */
  public EvidenceReminderWorker start() {
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
