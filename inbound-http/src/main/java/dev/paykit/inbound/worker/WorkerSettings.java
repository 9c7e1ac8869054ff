package dev.paykit.inbound.worker;

import dev.paykit.domain.Require;
import dev.paykit.domain.ValidationException;
import java.time.Duration;

/**
 * How the background workers run.
 *
 * @param threads how many threads apply the inbox at once (the reconciler always has one: two
 *     passes at a time would ask the provider twice about the same payments)
 * @param batchSize how many events one inbox pass claims at most; a full batch is followed by the
 *     next pass at once
 * @param idleWait how long an inbox thread waits after a pass that did not fill its batch, unless
 *     {@link InboxWorker#wakeUp()} ends the wait
 * @param reconcileInterval the pause between the end of one reconciliation pass and the start of
 *     the next
 * @throws ValidationException naming the field, if a value is missing or out of range
 */
public record WorkerSettings(
    int threads, int batchSize, Duration idleWait, Duration reconcileInterval) {

  public static final int MAX_THREADS = 64;
  public static final int MAX_BATCH_SIZE = 1000;

  public WorkerSettings {
    within("threads", threads, MAX_THREADS);
    within("batchSize", batchSize, MAX_BATCH_SIZE);
    positive("idleWait", idleWait);
    positive("reconcileInterval", reconcileInterval);
  }

  /** Two inbox threads, batches of 50, a second's idle wait, reconciliation every minute. */
  public static WorkerSettings defaults() {
    return new WorkerSettings(2, 50, Duration.ofSeconds(1), Duration.ofMinutes(1));
  }

  public WorkerSettings withThreads(int value) {
    return new WorkerSettings(value, batchSize, idleWait, reconcileInterval);
  }

  public WorkerSettings withBatchSize(int value) {
    return new WorkerSettings(threads, value, idleWait, reconcileInterval);
  }

  public WorkerSettings withIdleWait(Duration value) {
    return new WorkerSettings(threads, batchSize, value, reconcileInterval);
  }

  public WorkerSettings withReconcileInterval(Duration value) {
    return new WorkerSettings(threads, batchSize, idleWait, value);
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
