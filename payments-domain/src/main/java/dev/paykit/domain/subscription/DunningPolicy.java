package dev.paykit.domain.subscription;

import dev.paykit.domain.ValidationException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * When a declined renewal is tried again, counted from the date it was due (default +1 d, +3 d, +7
 * d), and what becomes of the subscription when the last retry fails too, or when the customer who
 * had to come back on-session has not by the last retry's date.
 */
public record DunningPolicy(List<Duration> retries, Exhaustion onExhaustion) {

  /** What dunning does when it gives up. */
  public enum Exhaustion {
    UNPAID,
    CANCELLED
  }

  public static final DunningPolicy DEFAULT =
      new DunningPolicy(
          List.of(Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(7)),
          Exhaustion.CANCELLED);

  public DunningPolicy {
    Objects.requireNonNull(retries, "retries");
    Objects.requireNonNull(onExhaustion, "onExhaustion");
    retries = List.copyOf(retries);
    Duration previous = Duration.ZERO;
    for (int i = 0; i < retries.size(); i++) {
      Duration retry = retries.get(i);
      if (retry.compareTo(previous) <= 0) {
        throw new ValidationException(
            "dunning.retries[" + i + "]",
            "out_of_order",
            "must be positive and later than the retry before it, was " + retry);
      }
      previous = retry;
    }
  }

  /** How long after the due date dunning gives up at the latest. */
  public Duration lastStep() {
    return retries.isEmpty() ? Duration.ZERO : retries.get(retries.size() - 1);
  }
}
