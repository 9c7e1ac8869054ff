package dev.paykit.domain.subscription;

import dev.paykit.domain.Require;
import java.util.UUID;

/** Paykit's own id of a subscription; part of every renewal's idempotency key. */
public record SubscriptionId(String value) {
  public SubscriptionId {
    Require.printableAscii("subscriptionId", value, 1, 64);
  }

  public static SubscriptionId random() {
    return new SubscriptionId("sub_" + UUID.randomUUID().toString().replace("-", ""));
  }

  @Override
  public String toString() {
    return value;
  }
}
