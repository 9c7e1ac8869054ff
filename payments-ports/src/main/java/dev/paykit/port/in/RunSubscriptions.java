package dev.paykit.port.in;

/**
 * Use case, run on a timer by any number of instances: finds the subscriptions with work due
 * (activation after the sign-up checkout, renewal notices, renewals, dunning steps, ends) and does
 * it. Safe to run anywhere at once: claims spread the work, and every charge's key is derived from
 * the subscription, the cycle and the attempt.
 */
public interface RunSubscriptions {
  SubscriptionRunReport runOnce();
}
