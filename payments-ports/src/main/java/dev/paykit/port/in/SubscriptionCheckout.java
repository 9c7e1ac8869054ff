package dev.paykit.port.in;

import dev.paykit.domain.subscription.Subscription;
import java.util.Objects;

/** A subscription and the on-session checkout the customer is to be sent to. */
public record SubscriptionCheckout(Subscription subscription, CreatePaymentResult checkout) {
  public SubscriptionCheckout {
    Objects.requireNonNull(subscription, "subscription");
    Objects.requireNonNull(checkout, "checkout");
  }
}
