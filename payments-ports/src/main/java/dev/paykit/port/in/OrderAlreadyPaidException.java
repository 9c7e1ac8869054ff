package dev.paykit.port.in;

import dev.paykit.domain.PaykitException;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.PaymentId;

/** The order has a succeeded payment; a second one is refused. */
public final class OrderAlreadyPaidException extends PaykitException {
  private static final long serialVersionUID = 1L;

  private final PaymentId paidBy;

  public OrderAlreadyPaidException(ExternalId externalId, PaymentId paidBy) {
    super(
        "order_already_paid",
        "externalId",
        409,
        "order " + externalId + " is already paid by " + paidBy);
    this.paidBy = paidBy;
  }

  public PaymentId paidBy() {
    return paidBy;
  }
}
