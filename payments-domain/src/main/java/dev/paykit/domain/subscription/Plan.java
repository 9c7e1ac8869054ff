package dev.paykit.domain.subscription;

import dev.paykit.domain.Require;
import dev.paykit.domain.money.Money;
import java.util.Optional;

/**
 * What a subscription costs and how often: {@code price} every {@code interval}, after an optional
 * free {@code trial} (its own interval, null for none). {@code name} is what the shop and the
 * renewal notice call it.
 */
public record Plan(String name, Money price, BillingInterval interval, BillingInterval trial) {
  public Plan {
    Require.text("plan.name", name, 1, 100);
    Require.present("plan.price", price);
    Require.present("plan.interval", interval);
  }

  public static Plan of(String name, Money price, BillingInterval interval) {
    return new Plan(name, price, interval, null);
  }

  public Optional<BillingInterval> trialPeriod() {
    return Optional.ofNullable(trial);
  }
}
