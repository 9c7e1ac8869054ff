package dev.paykit.domain.refund;

import dev.paykit.domain.ValidationException;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import java.util.List;

/**
 * The refunds of a payment never add up to more than it: every refund that has not failed counts,
 * including those still pending, so two concurrent partial refunds cannot together exceed it.
 */
public final class RefundPolicy {
  private RefundPolicy() {}

  public static RefundDecision decide(Payment payment, List<Refund> existing, Money requested) {
    if (requested.isZero()) {
      throw new ValidationException("amount.value", "zero", "a refund must be more than zero");
    }
    if (!requested.currency().equals(payment.request().amount().currency())) {
      throw new ValidationException(
          "amount.currency",
          "currency_mismatch",
          "payment is in "
              + payment.request().amount().currencyCode()
              + ", refund in "
              + requested.currencyCode());
    }
    if (payment.state() != PaymentState.SUCCEEDED) {
      return new RefundDecision.NotRefundable(payment.state());
    }
    Money refundable = refundable(payment, existing);
    if (requested.isGreaterThan(refundable)) {
      return new RefundDecision.ExceedsPayment(requested, refundable);
    }
    return new RefundDecision.Allowed(refundable.minus(requested));
  }

  /** What can still be refunded of a succeeded payment. */
  public static Money refundable(Payment payment, List<Refund> existing) {
    Money committed = Money.zero(payment.request().amount().currency());
    for (Refund refund : existing) {
      if (refund.paymentId().equals(payment.id()) && refund.state() != RefundState.FAILED) {
        committed = committed.plus(refund.amount());
      }
    }
    Money amount = payment.request().amount();
    return committed.isGreaterThan(amount)
        ? Money.zero(amount.currency())
        : amount.minus(committed);
  }
}
