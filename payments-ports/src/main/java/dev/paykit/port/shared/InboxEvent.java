package dev.paykit.port.shared;

import dev.paykit.domain.payment.ProviderName;
import dev.paykit.domain.webhook.EventId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A received webhook, verified and stored raw, waiting to be (or having been) processed. {@code
 * provider} is the provider that sent it (whose endpoint received it): event ids are the providers'
 * own, so an event is known by the two together. {@code claimToken} identifies the claim that holds
 * it while {@code PROCESSING}: only that claim may settle it, so a worker whose claim ran out
 * cannot overwrite its successor's work.
 */
public record InboxEvent(
    ProviderName provider,
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

  /** The most characters of an error an inbox keeps; {@link #storableError} cuts longer ones. */
  public static final int MAX_ERROR_LENGTH = 2000;

  public enum Status {
    PENDING,
    PROCESSING,
    PROCESSED,
    /** Failed too often; kept for a person to look at and replay. */
    DEAD
  }

  public InboxEvent {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
  }

  /** A newly received event of the {@link ProviderName#DEFAULT} provider, due at once. */
  public static InboxEvent received(EventId id, String type, String payload, Instant now) {
    return received(ProviderName.DEFAULT, id, type, payload, now);
  }

  /** A newly received event of {@code provider}, due at once. */
  public static InboxEvent received(
      ProviderName provider, EventId id, String type, String payload, Instant now) {
    return new InboxEvent(
        provider, id, type, payload, Status.PENDING, 0, now, now, null, null, null, null);
  }

  /**
   * This event, no longer claimed, in {@code status}: due at {@code due}, with {@code error} and
   * {@code processed} as they now are. What stores return after settling or replaying an event.
   */
  public InboxEvent settled(
      Status status, int attempts, Instant due, String error, Instant processed) {
    return new InboxEvent(
        provider,
        id,
        type,
        payload,
        status,
        attempts,
        receivedAt,
        due,
        null,
        null,
        error,
        processed);
  }

  public Optional<String> error() {
    return Optional.ofNullable(lastError);
  }

  /**
   * {@code error} as an inbox keeps it, so that recording a failure cannot fail on the failure's
   * own text: control characters other than tab and line breaks (a NUL above all, which PostgreSQL
   * refuses in text) written out as Java's six-character escape (backslash, u, four hex digits),
   * and cut to {@link #MAX_ERROR_LENGTH} characters, ending with an ellipsis, never inside a
   * surrogate pair. Null stays null.
   */
  public static String storableError(String error) {
    if (error == null) {
      return null;
    }
    StringBuilder kept = new StringBuilder(Math.min(error.length(), MAX_ERROR_LENGTH) + 8);
    int read = 0;
    for (; read < error.length() && kept.length() <= MAX_ERROR_LENGTH; read++) {
      char c = error.charAt(read);
      if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
        kept.append(String.format("\\u%04x", (int) c));
      } else {
        kept.append(c);
      }
    }
    if (read == error.length() && kept.length() <= MAX_ERROR_LENGTH) {
      return kept.toString();
    }
    int cut = MAX_ERROR_LENGTH - 1;
    if (Character.isHighSurrogate(kept.charAt(cut - 1))) {
      cut--;
    }
    return kept.substring(0, cut) + '\u2026';
  }

  /**
   * The error a store records when it sends this event to the dead letters at a claim because its
   * {@code attempts} were used up: why, and the last error that was recorded, if any.
   */
  public String exhaustedError() {
    return storableError(ExhaustedAttempts.why(attempts, lastError));
  }
}
