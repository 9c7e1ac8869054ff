package dev.paykit.port.in;

import dev.paykit.domain.PaykitException;
import dev.paykit.domain.refund.RefundDecision;

/** The refund breaks the refund rules: the payment did not succeed, or it would refund too much. */
public final class RefundNotAllowedException extends PaykitException {
  private static final long serialVersionUID = 1L;

  private final RefundDecision decision;

  public RefundNotAllowedException(RefundDecision decision) {
    super(codeOf(decision), "amount", 422, describe(decision));
    this.decision = decision;
  }

  private static String describe(RefundDecision decision) {
    if (decision instanceof RefundDecision.NotRefundable n) {
      return "only a succeeded payment can be refunded; it is " + n.state();
    }
    if (decision instanceof RefundDecision.ExceedsPayment e) {
      return "refund of "
          + e.requested()
          + " exceeds what can still be refunded, "
          + e.refundable();
    }
    throw new IllegalArgumentException("an allowed refund is not an error");
  }

  public RefundDecision decision() {
    return decision;
  }

  private static String codeOf(RefundDecision decision) {
    return decision instanceof RefundDecision.NotRefundable
        ? "payment_not_refundable"
        : "refund_exceeds_payment";
  }
}
