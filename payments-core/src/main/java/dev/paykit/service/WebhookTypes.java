package dev.paykit.service;

import dev.paykit.domain.webhook.WebhookEvent;

/** The provider's event type names, as stored with each inbox event. */
final class WebhookTypes {
  static final String PAYMENT_STATUS_CHANGED = "payment.status_changed";
  static final String REFUND_STATUS_CHANGED = "refund.status_changed";
  static final String DISPUTE_STATUS_CHANGED = "dispute.status_changed";

  private WebhookTypes() {}

  /** The one place that names every kind: a new kind of event fails here until it is named. */
  static String of(WebhookEvent event) {
    if (event instanceof WebhookEvent.PaymentStatusChanged) {
      return PAYMENT_STATUS_CHANGED;
    }
    if (event instanceof WebhookEvent.RefundStatusChanged) {
      return REFUND_STATUS_CHANGED;
    }
    if (event instanceof WebhookEvent.DisputeStatusChanged) {
      return DISPUTE_STATUS_CHANGED;
    }
    if (event instanceof WebhookEvent.Unmodelled unmodelled) {
      return unmodelled.type();
    }
    throw new IllegalArgumentException("an event of no known kind: " + event.getClass());
  }
}
