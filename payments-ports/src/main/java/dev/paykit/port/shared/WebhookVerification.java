package dev.paykit.port.shared;

import dev.paykit.domain.webhook.EventId;
import java.time.Instant;

/** Whether a webhook's signature holds, and if not, exactly why. */
public sealed interface WebhookVerification {

  record Verified(EventId eventId, Instant timestamp) implements WebhookVerification {}

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
