package dev.paykit.port.in;

import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.shared.WebhookVerification;

/** The answer to a webhook delivery, with the HTTP status a receiver should send. */
public sealed interface WebhookReceipt {
  int httpStatus();

  /** Verified and stored; processing follows after the acknowledgement. */
  record Accepted(EventId eventId) implements WebhookReceipt {
    @Override
    public int httpStatus() {
      return 200;
    }
  }

  /** Seen before: acknowledged so the provider stops sending it, and dropped. */
  record Duplicate(EventId eventId) implements WebhookReceipt {
    @Override
    public int httpStatus() {
      return 200;
    }
  }

  /**
   * Genuine and signed, but of a kind Paykit does not model: acknowledged so the provider stops
   * sending it, counted, and not stored.
   */
  record Ignored(EventId eventId, String type) implements WebhookReceipt {
    @Override
    public int httpStatus() {
      return 200;
    }
  }

  /** Signature missing or wrong, or the verified body is unreadable. */
  record Rejected(WebhookVerification.Reason reason, String detail) implements WebhookReceipt {
    @Override
    public int httpStatus() {
      return reason == null ? 400 : 401;
    }
  }
}
