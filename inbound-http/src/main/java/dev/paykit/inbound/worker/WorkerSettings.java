package dev.paykit.inbound.worker;

import dev.paykit.domain.Require;
import dev.paykit.domain.ValidationException;
import java.time.Duration;

/**
 * How the background workers run.
 *
 * @param threads how many threads apply the inbox at once (the reconciler always has one: two
 *     passes at a time would ask the provider twice about the same payments). Each holds at most
 *     one of the store's connections at a time, so fewer threads than the pool has connections
 *     leave the rest to receiving webhooks
 * @param batchSize how many events one inbox pass claims at most; a full batch is followed by the
 *     next pass at once
 * @param idleWait how long an inbox thread waits after a pass that did not fill its batch, unless
 *     {@link InboxWorker#wakeUp()} ends the wait
 * @param reconcileInterval the pause between the end of one reconciliation pass and the start of
 *     the next
 * @param wakeUpInterval the shortest time between the start of one inbox pass and a pass that a
 *     wake-up starts: the deliveries of a burst that come within it share one pass instead of each
 *     starting one. Zero lets a wake-up start a pass at once
 * @throws ValidationException naming the field, if a value is missing or out of range
 */
public record WorkerSettings(
    int threads,
    int batchSize,
    Duration idleWait,
    Duration reconcileInterval,
    Duration wakeUpInterval) {

  public static final int MAX_THREADS = 64;
  public static final int MAX_BATCH_SIZE = 1000;

  /** Long enough to gather a burst's deliveries, short next to a provider's own delays. */
  public static final Duration DEFAULT_WAKE_UP_INTERVAL = Duration.ofMillis(10);

  /** The longest {@link #wakeUpInterval()}: beyond it a wake-up would hardly be one. */
  public static final Duration MAX_WAKE_UP_INTERVAL = Duration.ofSeconds(1);

  public WorkerSettings {
    within("threads", threads, MAX_THREADS);
    within("batchSize", batchSize, MAX_BATCH_SIZE);
    positive("idleWait", idleWait);
    positive("reconcileInterval", reconcileInterval);
    Require.present("wakeUpInterval", wakeUpInterval);
    if (wakeUpInterval.isNegative() || wakeUpInterval.compareTo(MAX_WAKE_UP_INTERVAL) > 0) {
      throw new ValidationException(
          "wakeUpInterval",
          "out_of_range",
          "must be between zero and " + MAX_WAKE_UP_INTERVAL + ", was " + wakeUpInterval);
    }
  }

  /** These settings with {@link #DEFAULT_WAKE_UP_INTERVAL}. */
  public WorkerSettings(int threads, int batchSize, Duration idleWait, Duration reconcileInterval) {
    this(threads, batchSize, idleWait, reconcileInterval, DEFAULT_WAKE_UP_INTERVAL);
  }

  /**
   * Two inbox threads, batches of 50, a second's idle wait, reconciliation every minute, wake-ups
   * at most every 10 ms.
   */
  public static WorkerSettings defaults() {
    return new WorkerSettings(2, 50, Duration.ofSeconds(1), Duration.ofMinutes(1));
  }

  public WorkerSettings withThreads(int value) {
    return new WorkerSettings(value, batchSize, idleWait, reconcileInterval, wakeUpInterval);
  }

  public WorkerSettings withBatchSize(int value) {
    return new WorkerSettings(threads, value, idleWait, reconcileInterval, wakeUpInterval);
  }

  public WorkerSettings withIdleWait(Duration value) {
    return new WorkerSettings(threads, batchSize, value, reconcileInterval, wakeUpInterval);
  }

  public WorkerSettings withReconcileInterval(Duration value) {
    return new WorkerSettings(threads, batchSize, idleWait, value, wakeUpInterval);
  }

  public WorkerSettings withWakeUpInterval(Duration value) {
    return new WorkerSettings(threads, batchSize, idleWait, reconcileInterval, value);
  }

  private static void within(String field, int value, int max) {
    if (value < 1 || value > max) {
      throw new ValidationException(
          field, "out_of_range", "must be between 1 and " + max + ", was " + value);
    }
  }

  private static void positive(String field, Duration value) {
    Require.present(field, value);
    if (value.isNegative() || value.isZero()) {
      throw new ValidationException(field, "not_positive", "must be a positive duration");
    }
  }
}
