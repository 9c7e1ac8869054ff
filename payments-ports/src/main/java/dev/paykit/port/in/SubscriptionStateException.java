package dev.paykit.port.in;

import dev.paykit.domain.PaykitException;
import dev.paykit.domain.subscription.SubscriptionId;
import dev.paykit.domain.subscription.SubscriptionState;

/** What was asked of a subscription cannot be done in its state; the message says why. */
public final class SubscriptionStateException extends PaykitException {
  private static final long serialVersionUID = 1L;

  public SubscriptionStateException(SubscriptionId id, SubscriptionState state, String why) {
    super(
        "subscription_state",
        "subscription:" + id,
        409,
        "subscription " + id + " is " + state + ": " + why);
  }
}
