package dev.paykit.inbound.worker;

import dev.paykit.domain.Require;
import dev.paykit.domain.ValidationException;
import java.time.Duration;

/**
 * How the {@link OutboxWorker} runs.
 *
 * @param threads how many threads hand events to the shop's handler at once. Events of one payment
 *     go one at a time whatever the number (only a payment's earliest undelivered event can be
 *     claimed), so more threads help when the handler is slow and many payments have news. Each
 *     holds at most one of the store's connections at a time, and none while the handler runs
 * @param batchSize how many events one pass claims at most; a full batch is followed by the next
 *     pass at once. A pass holds its claims until it has handed over its whole batch, so a batch
 *     must take less than the core's outbox claim period ({@code PaykitSettings.OutboxRetry
 *     #claimFor}) at the handler's slowest, or another dispatcher delivers its tail a second time
 * @param idleWait how long a thread waits after a pass that did not fill its batch
 * @throws ValidationException naming the field, if a value is missing or out of range
 */
public record OutboxWorkerSettings(int threads, int batchSize, Duration idleWait) {

  public static final int MAX_THREADS = 64;
  public static final int MAX_BATCH_SIZE = 1000;

  public OutboxWorkerSettings {
    within("threads", threads, MAX_THREADS);
    within("batchSize", batchSize, MAX_BATCH_SIZE);
    Require.present("idleWait", idleWait);
    if (idleWait.isNegative() || idleWait.isZero()) {
      throw new ValidationException("idleWait", "not_positive", "must be a positive duration");
    }
  }

  /**
   * Two threads, batches of 10 (ten calls of an HTTP handler that each time out after 10 s stay
   * within the core's default claim of two minutes), a second's idle wait.
   */
  public static OutboxWorkerSettings defaults() {
    return new OutboxWorkerSettings(2, 10, Duration.ofSeconds(1));
  }

  public OutboxWorkerSettings withThreads(int value) {
    return new OutboxWorkerSettings(value, batchSize, idleWait);
  }

  public OutboxWorkerSettings withBatchSize(int value) {
    return new OutboxWorkerSettings(threads, value, idleWait);
  }

  public OutboxWorkerSettings withIdleWait(Duration value) {
    return new OutboxWorkerSettings(threads, batchSize, value);
  }

  private static void within(String field, int value, int max) {
    if (value < 1 || value > max) {
      throw new ValidationException(
          field, "out_of_range", "must be between 1 and " + max + ", was " + value);
    }
  }
}
