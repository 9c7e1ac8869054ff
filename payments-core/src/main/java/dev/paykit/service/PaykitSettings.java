package dev.paykit.service;

import dev.paykit.domain.money.AmountLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * The knobs of the core, with defaults that are safe in production. Tests and the demo shorten the
 * durations; nothing here is a secret.
 *
 * @param amountLimits per-currency minimum and maximum amounts
 * @param idempotencyLock how long a request holds its key before another may take over its work
 * @param idempotencyRetention how long a key is remembered (the provider remembers 24 hours)
 * @param inboxMaxAttempts processing attempts of a webhook before it is dead-lettered
 * @param inboxRetryBase the delay before the second attempt; it doubles with every further one
 * @param inboxRetryMax the longest delay between attempts
 * @param inboxClaimFor how long a worker holds a claimed event before another may take it over
 * @param resubmitAfter how long a {@code CREATED} or {@code SUBMITTED} payment waits before the
 *     reconciler sends it again with the same key
 * @param reconcileAfter how long a started payment may go without news before it is looked up
 * @param reconcileBatch how many payments one reconciliation pass looks at, at most
 * @param outbox how the shop's events are retried when its handler throws
 * @param disputes when the shop is reminded of a dispute's evidence and a quiet dispute looked up
 */
public record PaykitSettings(
    AmountLimits amountLimits,
    Duration idempotencyLock,
    Duration idempotencyRetention,
    int inboxMaxAttempts,
    Duration inboxRetryBase,
    Duration inboxRetryMax,
    Duration inboxClaimFor,
    Duration resubmitAfter,
    Duration reconcileAfter,
    int reconcileBatch,
    OutboxRetry outbox,
    DisputeTiming disputes) {

  /**
   * When the shop hears that a dispute's evidence is due and was not sent ({@code reminderWindow}
   * before the deadline, once), and how long an open dispute may go without news before the
   * reconciler asks the provider about it ({@code lookUpAfter}).
   */
  public record DisputeTiming(Duration reminderWindow, Duration lookUpAfter) {
    public DisputeTiming {
      positive("disputes reminderWindow", reminderWindow);
      positive("disputes lookUpAfter", lookUpAfter);
    }

    public static DisputeTiming defaults() {
      return new DisputeTiming(Duration.ofHours(48), Duration.ofHours(24));
    }
  }

  /**
   * How the outbox's dispatcher retries an event whose handler threw: up to {@code maxAttempts}
   * deliveries, the delay before the next one drawn at random between zero and {@code base} doubled
   * per attempt so far, capped at {@code max} (exponential backoff with full jitter), then the dead
   * letters. A dispatcher holds a claimed event for {@code claimFor}.
   */
  public record OutboxRetry(int maxAttempts, Duration base, Duration max, Duration claimFor) {
    public OutboxRetry {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("outbox maxAttempts must be at least 1");
      }
      positive("outbox base", base);
      positive("outbox max", max);
      positive("outbox claimFor", claimFor);
    }

    public static OutboxRetry defaults() {
      return new OutboxRetry(
          12, Duration.ofSeconds(1), Duration.ofMinutes(30), Duration.ofMinutes(2));
    }
  }

  public PaykitSettings {
    Objects.requireNonNull(amountLimits, "amountLimits");
    positive("idempotencyLock", idempotencyLock);
    positive("idempotencyRetention", idempotencyRetention);
    positive("inboxRetryBase", inboxRetryBase);
    positive("inboxRetryMax", inboxRetryMax);
    positive("inboxClaimFor", inboxClaimFor);
    Objects.requireNonNull(resubmitAfter, "resubmitAfter");
    Objects.requireNonNull(reconcileAfter, "reconcileAfter");
    if (inboxMaxAttempts < 1) {
      throw new IllegalArgumentException("inboxMaxAttempts must be at least 1");
    }
    if (reconcileBatch < 1) {
      throw new IllegalArgumentException("reconcileBatch must be at least 1");
    }
    Objects.requireNonNull(outbox, "outbox");
    Objects.requireNonNull(disputes, "disputes");
  }

  private static void positive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration");
    }
  }

  public static PaykitSettings defaults() {
    return new PaykitSettings(
        AmountLimits.defaults(),
        Duration.ofSeconds(60),
        Duration.ofHours(24),
        8,
        Duration.ofSeconds(2),
        Duration.ofMinutes(10),
        Duration.ofSeconds(60),
        Duration.ofMinutes(1),
        Duration.ofMinutes(15),
        100,
        OutboxRetry.defaults(),
        DisputeTiming.defaults());
  }

  public PaykitSettings withAmountLimits(AmountLimits value) {
    return new PaykitSettings(
        value,
        idempotencyLock,
        idempotencyRetention,
        inboxMaxAttempts,
        inboxRetryBase,
        inboxRetryMax,
        inboxClaimFor,
        resubmitAfter,
        reconcileAfter,
        reconcileBatch,
        outbox,
        disputes);
  }

  public PaykitSettings withInboxRetry(int maxAttempts, Duration base, Duration max) {
    return new PaykitSettings(
        amountLimits,
        idempotencyLock,
        idempotencyRetention,
        maxAttempts,
        base,
        max,
        inboxClaimFor,
        resubmitAfter,
        reconcileAfter,
        reconcileBatch,
        outbox,
        disputes);
  }

  public PaykitSettings withReconciliation(Duration resubmit, Duration lookUp) {
    return new PaykitSettings(
        amountLimits,
        idempotencyLock,
        idempotencyRetention,
        inboxMaxAttempts,
        inboxRetryBase,
        inboxRetryMax,
        inboxClaimFor,
        resubmit,
        lookUp,
        reconcileBatch,
        outbox,
        disputes);
  }

  public PaykitSettings withIdempotencyLock(Duration value) {
    return new PaykitSettings(
        amountLimits,
        value,
        idempotencyRetention,
        inboxMaxAttempts,
        inboxRetryBase,
        inboxRetryMax,
        inboxClaimFor,
        resubmitAfter,
        reconcileAfter,
        reconcileBatch,
        outbox,
        disputes);
  }

  public PaykitSettings withOutboxRetry(OutboxRetry value) {
    return new PaykitSettings(
        amountLimits,
        idempotencyLock,
        idempotencyRetention,
        inboxMaxAttempts,
        inboxRetryBase,
        inboxRetryMax,
        inboxClaimFor,
        resubmitAfter,
        reconcileAfter,
        reconcileBatch,
        value,
        disputes);
  }

  public PaykitSettings withDisputeTiming(DisputeTiming value) {
    return new PaykitSettings(
        amountLimits,
        idempotencyLock,
        idempotencyRetention,
        inboxMaxAttempts,
        inboxRetryBase,
        inboxRetryMax,
        inboxClaimFor,
        resubmitAfter,
        reconcileAfter,
        reconcileBatch,
        outbox,
        value);
  }
}
