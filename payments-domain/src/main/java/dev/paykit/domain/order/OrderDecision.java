package dev.paykit.domain.order;

import dev.paykit.domain.payment.Payment;

/** Whether a new payment may start for an order. See {@link DuplicateOrderRule}. */
public sealed interface OrderDecision {

  /** No payment of the order is active or succeeded: a new attempt may start. */
  record MayStart() implements OrderDecision {}

  /** A payment of the order is still in flight: answer that one instead of starting another. */
  record ActivePaymentExists(Payment active) implements OrderDecision {}

  /** The order is paid: a second payment is refused. */
  record AlreadyPaid(Payment paid) implements OrderDecision {}
}
