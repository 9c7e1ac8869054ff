package dev.paykit.domain.refund;

import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.PaymentState;

/** Whether a refund may be made. See {@link RefundPolicy}. */
public sealed interface RefundDecision {

  /** Allowed; after it, {@code remaining} can still be refunded. */
  record Allowed(Money remaining) implements RefundDecision {}

  /** Only a succeeded payment can be refunded. */
  record NotRefundable(PaymentState state) implements RefundDecision {}

  /** The refunds would add up to more than the payment. */
  record ExceedsPayment(Money requested, Money refundable) implements RefundDecision {}
}
