package dev.paykit.domain.subscription;

import dev.paykit.domain.ValidationException;
import java.time.Duration;
import java.util.Objects;

/**
 * The terms a subscription was signed up under, fixed with it so that a later change of the
 * configuration never changes what a customer agreed to: how long before each charge the renewal
 * notice goes out (default 7 days), and the dunning policy.
 */
public record SubscriptionTerms(Duration noticeBefore, DunningPolicy dunning) {
  public static final SubscriptionTerms DEFAULT =
      new SubscriptionTerms(Duration.ofDays(7), DunningPolicy.DEFAULT);

  public SubscriptionTerms {
    Objects.requireNonNull(noticeBefore, "noticeBefore");
    Objects.requireNonNull(dunning, "dunning");
    if (noticeBefore.isNegative() || noticeBefore.compareTo(Duration.ofDays(60)) > 0) {
      throw new ValidationException(
          "noticeBefore", "out_of_range", "must be 0 to 60 days, was " + noticeBefore);
    }
  }
}
