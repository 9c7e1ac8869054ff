package dev.paykit.port.in;

import dev.paykit.domain.subscription.Subscription;
import dev.paykit.domain.subscription.SubscriptionHistoryEntry;
import dev.paykit.domain.subscription.SubscriptionId;
import java.util.List;
import java.util.Optional;

/**
 * Use case: subscriptions. A sign-up is a checkout that saves the customer's method; renewals,
 * notices and dunning are the {@link RunSubscriptions} scheduler's; the shop hears of every step it
 * must act on through the outbox.
 */
public interface Subscriptions {

  /**
   * Signs a customer up: a pending subscription and its first checkout, which saves the method. The
   * same key again answers the same subscription and checkout.
   */
  SubscriptionCheckout signUp(SignUpCommand command);

  Optional<Subscription> find(SubscriptionId id);

  /** The subscription's timeline, oldest first; empty if there is no such subscription. */
  List<SubscriptionHistoryEntry> timeline(SubscriptionId id);

  /**
   * Cancels at the end of the period paid for (nothing more is charged; it ends then) or now.
   *
   * @throws SubscriptionNotFoundException if there is no such subscription
   */
  Subscription cancel(SubscriptionId id, CancelMode mode);

  /**
   * Sends the customer of a past-due or unpaid subscription to an on-session checkout of the open
   * amount, which saves their new method: paying it pays the open cycle at once.
   *
   * @throws SubscriptionNotFoundException if there is no such subscription
   * @throws SubscriptionStateException if nothing is open to pay (the subscription is not past due
   *     or unpaid, or a charge of it is in flight)
   */
  SubscriptionCheckout updatePaymentMethod(UpdatePaymentMethodCommand command);

  /** When a cancellation takes effect. */
  enum CancelMode {
    AT_PERIOD_END,
    NOW
  }
}
