package dev.paykit.service;

import dev.paykit.domain.webhook.WebhookEvent;

/** The provider's event type names, as stored with each inbox event. */
final class WebhookTypes {
  static final String PAYMENT_STATUS_CHANGED = "payment.status_changed";
  static final String REFUND_STATUS_CHANGED = "refund.status_changed";

  private WebhookTypes() {}

  static String of(WebhookEvent event) {
    return event instanceof WebhookEvent.PaymentStatusChanged
        ? PAYMENT_STATUS_CHANGED
        : REFUND_STATUS_CHANGED;
  }
}
