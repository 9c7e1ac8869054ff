package dev.paykit.domain.refund;

import dev.paykit.domain.ValidationException;
import dev.paykit.domain.dispute.Dispute;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import java.util.List;

/**
 * The refunds of a payment never add up to more than what the merchant still holds of it: every
 * refund that has not failed counts, including those still pending, so two concurrent partial
 * refunds cannot together exceed it; and the amount of every dispute that is open or lost counts as
 * already returned (the provider took it back when the dispute opened), until the dispute is won.
 * This is the one rule; the refund service decides with it before anything is sent.
 */
public final class RefundPolicy {
  private RefundPolicy() {}

  public static RefundDecision decide(
      Payment payment, List<Refund> existing, List<Dispute> disputes, Money requested) {
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
    Money refundable = refundable(payment, existing, disputes);
    if (requested.isGreaterThan(refundable)) {
      return new RefundDecision.ExceedsPayment(requested, refundable);
    }
    return new RefundDecision.Allowed(refundable.minus(requested));
  }

  /** What can still be refunded of a succeeded payment. */
  public static Money refundable(Payment payment, List<Refund> existing, List<Dispute> disputes) {
    Money committed = Money.zero(payment.request().amount().currency());
    for (Refund refund : existing) {
      if (refund.paymentId().equals(payment.id()) && refund.state() != RefundState.FAILED) {
        committed = committed.plus(refund.amount());
      }
    }
    return floorAtZero(ceiling(payment, disputes), committed);
  }

  /**
   * What the refunds of a payment may add up to: its amount less what its disputes hold. The
   * store's atomic check against concurrent refunds holds the refunds to this.
   */
  public static Money ceiling(Payment payment, List<Dispute> disputes) {
    Money held = Money.zero(payment.request().amount().currency());
    for (Dispute dispute : disputes) {
      if (dispute.paymentId().equals(payment.id())
          && dispute.holdsMoney()
          && dispute.amount().currency().equals(held.currency())) {
        held = held.plus(dispute.amount());
      }
    }
    return floorAtZero(payment.request().amount(), held);
  }

  private static Money floorAtZero(Money amount, Money less) {
    return less.isGreaterThan(amount) ? Money.zero(amount.currency()) : amount.minus(less);
  }
}
