package dev.paykit.port.shared;

import dev.paykit.domain.webhook.EventId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Whether a webhook's signature holds, and if not, exactly why. */
public sealed interface WebhookVerification {

  /**
   * The signature holds. The event's id comes from the parser, out of the body; {@code
   * signedEventId} is there only when the scheme signs an id of its own outside the body (Standard
   * Webhooks' {@code webhook-id}), and then the body's id must be the same. A scheme that signs
   * only a timestamp and the body (Stripe's {@code Stripe-Signature}) has none: the body is signed,
   * and so is the id in it.
   */
  record Verified(Optional<EventId> signedEventId, Instant timestamp)
      implements WebhookVerification {
    public Verified {
      Objects.requireNonNull(signedEventId, "signedEventId");
      Objects.requireNonNull(timestamp, "timestamp");
    }

    /** A scheme that signs the event id beside the body. */
    public static Verified withSignedId(EventId eventId, Instant timestamp) {
      return new Verified(Optional.of(eventId), timestamp);
    }

    /** A scheme that signs the body (and so the id in it), but no id of its own. */
    public static Verified withoutSignedId(Instant timestamp) {
      return new Verified(Optional.empty(), timestamp);
    }
  }

  record Rejected(Reason reason, String detail) implements WebhookVerification {}

  enum Reason {
    MISSING_HEADER,
    /** A header or signature is not in the scheme's format (bad base64, bad timestamp, ...). */
    MALFORMED,
    /** The timestamp is older than the tolerance: possibly a replay. */
    STALE_TIMESTAMP,
    /** The timestamp is further ahead than the tolerance. */
    FUTURE_TIMESTAMP,
    /** No signature matches any configured secret. */
    NO_MATCHING_SIGNATURE
  }
}
