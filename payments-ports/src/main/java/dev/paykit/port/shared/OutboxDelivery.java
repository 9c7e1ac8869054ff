package dev.paykit.port.shared;

import dev.paykit.domain.outbox.OutboxEvent;
import java.time.Instant;
import java.util.Objects;

/**
 * An outbox event as its store keeps it for delivery: its status, how often it was tried, the claim
 * of the dispatcher holding it, and the last error (a type or a code, never a handler's message,
 * which may quote anything).
 */
public record OutboxDelivery(
    OutboxEvent event,
    Status status,
    int attempts,
    Instant nextAttemptAt,
    String claimToken,
    Instant claimedUntil,
    String lastError,
    Instant deliveredAt) {

  /** Where a delivery stands. */
  public enum Status {
    PENDING,
    CLAIMED,
    DELIVERED,
    DEAD
  }

  /** The longest error a store keeps. */
  public static final int MAX_ERROR_LENGTH = 500;

  public OutboxDelivery {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
  }

  /**
   * The error a store records when it dead-letters this delivery at a claim because its attempts
   * were used up: why, and the last error that was recorded, if any.
   */
  public String exhaustedError() {
    return storableError(ExhaustedAttempts.why(attempts, lastError));
  }

  /** {@code error} as a store keeps it: one line, printable, at most {@link #MAX_ERROR_LENGTH}. */
  public static String storableError(String error) {
    if (error == null) {
      return null;
    }
    String line = error.replaceAll("[\\p{Cntrl}]", " ");
    return line.length() <= MAX_ERROR_LENGTH ? line : line.substring(0, MAX_ERROR_LENGTH);
  }
}
