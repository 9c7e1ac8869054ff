package dev.paykit.domain.order;

import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import java.util.List;

/**
 * At most one payment per {@code externalId} that is active or succeeded. A new attempt after a
 * failed, cancelled or expired one is allowed; a second payment for a paid order is not.
 */
public final class DuplicateOrderRule {
  private DuplicateOrderRule() {}

  public static OrderDecision decide(List<Payment> paymentsOfOrder) {
    for (Payment payment : paymentsOfOrder) {
      if (payment.state() == PaymentState.SUCCEEDED) {
        return new OrderDecision.AlreadyPaid(payment);
      }
    }
    for (Payment payment : paymentsOfOrder) {
      if (payment.state().isActive()) {
        return new OrderDecision.ActivePaymentExists(payment);
      }
    }
    return new OrderDecision.MayStart();
  }
}
