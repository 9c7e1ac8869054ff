package dev.paykit.inbound.worker;

import dev.paykit.port.in.InboxRunReport;
import dev.paykit.port.in.ProcessInbox;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies received webhooks in the background: {@link WorkerSettings#threads()} daemon threads
 * ({@code paykit-inbox-1}, ...) each call {@link ProcessInbox#processPending(int,
 * dev.paykit.port.in.StopSignal)} in a loop, at once again after a full batch and after {@link
 * WorkerSettings#idleWait()} otherwise. {@link #wakeUp()} ends the wait of one thread early, so
 * that an event just received is applied within milliseconds; the wake-ups of a burst share one
 * pass, started at most once per {@link WorkerSettings#wakeUpInterval()}. Several threads, or
 * several processes on one database, are safe: the inbox's claims are exclusive. A pass that fails
 * is logged and the next one follows a second later; the thread goes on.
 *
 * <p>{@link #stop(Duration)} takes no new pass and lets the passes in progress finish within the
 * grace period. A pass still running then applies the event it is on and gives the events it
 * claimed but did not start back to the inbox, due at once for whoever runs next (this process
 * after a restart, or another one), instead of leaving them {@code PROCESSING} until their claim
 * runs out.
 */
public final class InboxWorker implements AutoCloseable {
  /** The grace period of {@link #close()}. */
  public static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

  /** After the grace period, how long a pass gets to finish its event and give back the rest. */
  static final Duration GIVE_BACK_ALLOWANCE = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(InboxWorker.class);

  private final WorkerLoop loop;

  @Inject
  public InboxWorker(ProcessInbox inbox, WorkerSettings settings) {
    Objects.requireNonNull(inbox, "inbox");
    Objects.requireNonNull(settings, "settings");
    int batchSize = settings.batchSize();
    Duration idleWait = settings.idleWait();
    this.loop =
        new WorkerLoop(
            "paykit-inbox",
            settings.threads(),
            settings.wakeUpInterval(),
            GIVE_BACK_ALLOWANCE,
            log,
            giveBack -> {
              InboxRunReport report = inbox.processPending(batchSize, giveBack);
              if (report.released() > 0) {
                log.info(
                    "Stopping: gave {} claimed events back to the inbox unapplied",
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
  public InboxWorker start() {
    loop.start();
    return this;
  }

  /**
   * New events are there: one idle thread ends its wait, or, if every thread is in a pass, the
   * first to end it starts the next at once. Cheap enough to call for every delivery: the calls
   * that come before the next pass begins do nothing more than read a flag.
   */
  public void wakeUp() {
    loop.wakeUp();
  }

  /**
   * Stops the threads: no new pass starts, passes in progress get {@code grace} to finish, then
   * give back what they claimed and did not start. Calling it again does nothing more.
   *
   * @param grace how long passes in progress may take; zero gives back at once
   * @return true when every thread has ended; false only if a pass hung past being interrupted
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
