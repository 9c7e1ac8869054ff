package dev.paykit.domain.webhook;

import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.refund.ProviderRefund;
import java.time.Instant;
import java.util.Objects;

/** A provider event as the domain sees it, after its signature was verified and it was parsed. */
public sealed interface WebhookEvent {
  EventId id();

  Instant createdAt();

  /** {@code payment.status_changed}: the payment as it was when the event happened. */
  record PaymentStatusChanged(EventId id, Instant createdAt, ProviderPayment payment)
      implements WebhookEvent {
    public PaymentStatusChanged {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(payment, "payment");
    }
  }

  /** {@code refund.status_changed}: the refund as it was when the event happened. */
  record RefundStatusChanged(EventId id, Instant createdAt, ProviderRefund refund)
      implements WebhookEvent {
    public RefundStatusChanged {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(refund, "refund");
    }
  }
}
