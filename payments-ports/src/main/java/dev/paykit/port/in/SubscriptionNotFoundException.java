package dev.paykit.port.in;

import dev.paykit.domain.PaykitException;
import dev.paykit.domain.subscription.SubscriptionId;

/** No subscription with that id is known here. */
public final class SubscriptionNotFoundException extends PaykitException {
  private static final long serialVersionUID = 1L;

  public SubscriptionNotFoundException(SubscriptionId id) {
    super("subscription_not_found", "subscription:" + id, 404, "no subscription " + id);
  }
}
