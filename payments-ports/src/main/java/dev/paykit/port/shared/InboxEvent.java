package dev.paykit.port.shared;

import dev.paykit.domain.webhook.EventId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A received webhook, verified and stored raw, waiting to be (or having been) processed. {@code
 * claimToken} identifies the claim that holds it while {@code PROCESSING}: only that claim may
 * settle it, so a worker whose claim ran out cannot overwrite its successor's work.
 */
public record InboxEvent(
    EventId id,
    String type,
    String payload,
    Status status,
    int attempts,
    Instant receivedAt,
    Instant nextAttemptAt,
    String claimToken,
    Instant claimedUntil,
    String lastError,
    Instant processedAt) {

  public enum Status {
    PENDING,
    PROCESSING,
    PROCESSED,
    /** Failed too often; kept for a person to look at and replay. */
    DEAD
  }

  public InboxEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
  }

  /** A newly received event, due at once. */
  public static InboxEvent received(EventId id, String type, String payload, Instant now) {
    return new InboxEvent(id, type, payload, Status.PENDING, 0, now, now, null, null, null, null);
  }

  /**
   * This event, no longer claimed, in {@code status}: due at {@code due}, with {@code error} and
   * {@code processed} as they now are. What stores return after settling or replaying an event.
   */
  public InboxEvent settled(
      Status status, int attempts, Instant due, String error, Instant processed) {
    return new InboxEvent(
        id, type, payload, status, attempts, receivedAt, due, null, null, error, processed);
  }

  public Optional<String> error() {
    return Optional.ofNullable(lastError);
  }
}
