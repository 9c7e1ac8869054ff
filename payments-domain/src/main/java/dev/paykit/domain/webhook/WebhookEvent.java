package dev.paykit.domain.webhook;

import dev.paykit.domain.Require;
import dev.paykit.domain.dispute.ProviderDispute;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.refund.ProviderRefund;
import java.time.Instant;
import java.util.Objects;

/**
 * A provider event as the domain sees it, after its signature was verified and it was parsed: one
 * of the kinds Paykit models, or {@link Unmodelled}, genuine but of a type it does not.
 */
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

  /** {@code dispute.status_changed}: the dispute as it was when the event happened. */
  record DisputeStatusChanged(EventId id, Instant createdAt, ProviderDispute dispute)
      implements WebhookEvent {
    public DisputeStatusChanged {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(dispute, "dispute");
    }
  }

  /**
   * A genuine event of a type Paykit does not model (a type the provider added later, or one for a
   * feature not in use): acknowledged so that the provider stops sending it, counted, and not
   * applied to anything. {@code type} is the provider's name for it, 1–100 printable ASCII.
   */
  record Unmodelled(EventId id, Instant createdAt, String type) implements WebhookEvent {
    public Unmodelled {
      Objects.requireNonNull(id, "id");
      Require.printableAscii("type", type, 1, 100);
    }
  }
}
