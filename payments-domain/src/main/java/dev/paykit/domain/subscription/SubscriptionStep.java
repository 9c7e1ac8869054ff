package dev.paykit.domain.subscription;

import dev.paykit.domain.payment.Outcome;
import java.util.Objects;

/** What an event did to a subscription: the subscription now (a version higher) and its entry. */
public record SubscriptionStep(
    Subscription before, Subscription subscription, SubscriptionHistoryEntry entry) {
  public SubscriptionStep {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(subscription, "subscription");
    Objects.requireNonNull(entry, "entry");
  }

  public Outcome outcome() {
    return entry.outcome();
  }

  public boolean applied() {
    return entry.outcome() == Outcome.APPLIED;
  }
}
