package dev.paykit.port.in;

import dev.paykit.domain.Require;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.payment.ReturnUrls;
import dev.paykit.domain.subscription.SubscriptionId;

/** The customer of {@code subscription} comes back to save a new method and pay what is open. */
public record UpdatePaymentMethodCommand(
    SubscriptionId subscription, IdempotencyKey key, ReturnUrls returnUrls) {
  public UpdatePaymentMethodCommand {
    Require.present("subscriptionId", subscription);
    Require.present("key", key);
    Require.present("returnUrls", returnUrls);
  }
}
