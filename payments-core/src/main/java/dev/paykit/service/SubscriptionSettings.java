package dev.paykit.service;

import dev.paykit.domain.subscription.SubscriptionTerms;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How subscriptions run.
 *
 * @param zone the zone whose calendar billing dates are counted in (month ends, daylight saving)
 * @param terms the notice lead and dunning policy new sign-ups get (existing ones keep theirs)
 * @param claimFor how long a scheduler pass holds the subscriptions it claimed
 * @param batch how many subscriptions one pass claims, at most
 * @param signUpAbandonedAfter how long a sign-up whose checkout was never recorded waits before it
 *     ends
 */
public record SubscriptionSettings(
    ZoneId zone,
    SubscriptionTerms terms,
    Duration claimFor,
    int batch,
    Duration signUpAbandonedAfter) {

  public SubscriptionSettings {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(terms, "terms");
    Objects.requireNonNull(claimFor, "claimFor");
    Objects.requireNonNull(signUpAbandonedAfter, "signUpAbandonedAfter");
    if (claimFor.isNegative() || claimFor.isZero()) {
      throw new IllegalArgumentException("claimFor must be a positive duration");
    }
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be at least 1");
    }
  }

  /** UTC, a notice 7 days before each charge, dunning at +1, +3 and +7 days, then cancelled. */
  public static SubscriptionSettings defaults() {
    return new SubscriptionSettings(
        ZoneId.of("UTC"),
        SubscriptionTerms.DEFAULT,
        Duration.ofSeconds(60),
        100,
        Duration.ofDays(1));
  }

  public SubscriptionSettings withZone(ZoneId value) {
    return new SubscriptionSettings(value, terms, claimFor, batch, signUpAbandonedAfter);
  }

  public SubscriptionSettings withTerms(SubscriptionTerms value) {
    return new SubscriptionSettings(zone, value, claimFor, batch, signUpAbandonedAfter);
  }
}
