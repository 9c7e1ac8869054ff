package dev.paykit.domain.outbox;

/**
 * What an outbox event tells the shop. The names are Paykit's own and stable: a shop may store them
 * and switch on them.
 */
public enum OutboxEventType {
  PAYMENT_CREATED("payment.created"),
  PAYMENT_STARTED("payment.started"),
  PAYMENT_SUCCEEDED("payment.succeeded"),
  /** Declined or refused: the payload names the reason and the decline code. */
  PAYMENT_FAILED("payment.failed"),
  PAYMENT_CANCELLED("payment.cancelled"),
  PAYMENT_EXPIRED("payment.expired"),
  /** The provider contradicted a terminal state: the payment stays as it was; a person looks. */
  PAYMENT_ANOMALY("payment.anomaly"),
  REFUND_PENDING("refund.pending"),
  REFUND_SUCCEEDED("refund.succeeded"),
  REFUND_FAILED("refund.failed"),
  /** A chargeback: the amount is taken back; the payload names the evidence deadline. */
  DISPUTE_OPENED("dispute.opened"),
  /** The evidence is due within 48 hours and none was sent: raised once per dispute. */
  DISPUTE_EVIDENCE_DUE("dispute.evidence_due"),
  /** The dispute was decided for the merchant: the amount comes back and is refundable again. */
  DISPUTE_WON("dispute.won"),
  /** The dispute was decided for the cardholder: the amount is gone for good. */
  DISPUTE_LOST("dispute.lost"),
  /** The sign-up checkout succeeded: the subscription runs (or its trial does). */
  SUBSCRIPTION_ACTIVATED("subscription.activated"),
  /**
   * A renewal is coming: the payload names the amount, the date of the charge and how to cancel
   * before it. Sent once per cycle, always before that cycle is charged.
   */
  SUBSCRIPTION_RENEWAL_NOTICE("subscription.renewal_notice"),
  /** A cycle was paid, off-session or by the customer on-session. */
  SUBSCRIPTION_RENEWED("subscription.renewed"),
  /**
   * A renewal was declined; dunning retries it on the date in the payload. Ask the customer to
   * update the payment method.
   */
  SUBSCRIPTION_PAYMENT_FAILED("subscription.payment_failed"),
  /**
   * A renewal needs the customer (the bank wants them present, or the method was removed): no
   * off-session retry; bring the customer to an on-session checkout.
   */
  SUBSCRIPTION_ACTION_REQUIRED("subscription.action_required"),
  /** Dunning gave up and keeps the subscription unpaid: the customer can still pay and return. */
  SUBSCRIPTION_UNPAID("subscription.unpaid"),
  /** Cancelled, at once or by dunning: nothing more is charged. */
  SUBSCRIPTION_CANCELLED("subscription.cancelled"),
  /** Over: cancelled at the end of its period, or its sign-up never completed. */
  SUBSCRIPTION_ENDED("subscription.ended");

  private final String wireName;

  OutboxEventType(String wireName) {
    this.wireName = wireName;
  }

  /** The event's type as deliveries carry it, e.g. {@code payment.succeeded}. */
  public String wireName() {
    return wireName;
  }

  /** The type of {@code wireName}; empty for a name no type has. */
  public static java.util.Optional<OutboxEventType> ofWireName(String wireName) {
    for (OutboxEventType type : values()) {
      if (type.wireName.equals(wireName)) {
        return java.util.Optional.of(type);
      }
    }
    return java.util.Optional.empty();
  }
}
