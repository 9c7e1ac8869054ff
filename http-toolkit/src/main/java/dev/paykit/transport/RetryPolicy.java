package dev.paykit.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How transient provider failures are retried: at most {@code maxAttempts} sends in all, waits
 * drawn with full jitter from an exponentially growing ceiling ({@code baseDelay}, doubled per
 * retry, capped at {@code maxDelay}), and no retry that would start after {@code totalBudget} has
 * passed since the first send. A {@link ProviderExchange} applies it; a {@code Retry-After} from
 * the provider replaces the drawn wait, and still counts against the budget.
 */
public record RetryPolicy(
    int maxAttempts, Duration baseDelay, Duration maxDelay, Duration totalBudget) {

  public static final int DEFAULT_MAX_ATTEMPTS = 4;
  public static final Duration DEFAULT_BASE_DELAY = Duration.ofMillis(250);
  public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(5);
  public static final Duration DEFAULT_TOTAL_BUDGET = Duration.ofSeconds(60);

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    requirePositive("baseDelay", baseDelay);
    requirePositive("maxDelay", maxDelay);
    requirePositive("totalBudget", totalBudget);
    if (maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException("maxDelay must not be shorter than baseDelay");
    }
  }

  /** Four attempts, from 250 ms doubling to at most 5 s apart, within a minute. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(
        DEFAULT_MAX_ATTEMPTS, DEFAULT_BASE_DELAY, DEFAULT_MAX_DELAY, DEFAULT_TOTAL_BUDGET);
  }

  /**
   * The upper bound of the wait before retry number {@code retry} (1 for the first retry): {@code
   * baseDelay * 2^(retry-1)}, never more than {@code maxDelay}.
   */
  public Duration ceiling(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry must be at least 1, was " + retry);
    }
    long max = maxDelay.toNanos();
    long ceiling = baseDelay.toNanos();
    for (int i = 1; i < retry && ceiling < max; i++) {
      // Doubling past max would only be capped again; stopping here also avoids overflow.
      ceiling = ceiling > max / 2 ? max : ceiling * 2;
    }
    return Duration.ofNanos(Math.min(ceiling, max));
  }

  /**
   * Full jitter: a wait drawn uniformly from zero to {@link #ceiling}, so that clients that failed
   * together do not all come back together.
   */
  public Duration jitteredDelay(int retry, RandomGenerator random) {
    return Duration.ofNanos(random.nextLong(ceiling(retry).toNanos() + 1));
  }

  private static void requirePositive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
