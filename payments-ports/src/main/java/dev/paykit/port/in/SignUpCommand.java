package dev.paykit.port.in;

import dev.paykit.domain.Require;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.payment.CustomerId;
import dev.paykit.domain.payment.ReturnUrls;
import dev.paykit.domain.subscription.Plan;

/** A customer signing up to {@code plan}; {@code key} makes the sign-up idempotent. */
public record SignUpCommand(
    IdempotencyKey key, CustomerId customer, Plan plan, ReturnUrls returnUrls) {
  public SignUpCommand {
    Require.present("key", key);
    Require.present("customerId", customer);
    Require.present("plan", plan);
    Require.present("returnUrls", returnUrls);
  }
}
