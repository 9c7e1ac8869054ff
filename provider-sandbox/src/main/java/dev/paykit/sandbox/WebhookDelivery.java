package dev.paykit.sandbox;

import java.time.Instant;
import java.util.List;

/**
 * The delivery record of one webhook event.
 *
 * @param eventId the event id ({@code webhook-id}), the same on every attempt
 * @param type {@code payment.status_changed} or {@code refund.status_changed}
 * @param transactionId the payment the event is about (for refunds, the refunded payment)
 * @param state where the delivery stands
 * @param attempts every POST sent so far, oldest first (duplicates included)
 */
public record WebhookDelivery(
    String eventId, String type, String transactionId, State state, List<Attempt> attempts) {

  public WebhookDelivery {
    attempts = List.copyOf(attempts);
  }

  /** How many POSTs were sent for this event (retries and duplicates included). */
  public int attemptCount() {
    return attempts.size();
  }

  /** The HTTP status of the last attempt; 0 if it got no HTTP answer or none was sent yet. */
  public int lastStatus() {
    return attempts.isEmpty() ? 0 : attempts.get(attempts.size() - 1).status();
  }

  /** Where a delivery stands. */
  public enum State {
    /** Not yet delivered; an attempt is scheduled, or the event is held by a fault. */
    PENDING,
    /** A 2xx was received. */
    DELIVERED,
    /** Every attempt failed. */
    FAILED,
    /** No webhook URL was configured when the event happened; it is not sent. */
    NO_ENDPOINT
  }

  /**
   * One POST.
   *
   * @param status the HTTP status received, 0 if none (connection error, timeout)
   * @param error the I/O error's text if there was no HTTP answer, else {@code null}
   * @param badSignature whether a fault made this attempt's signature wrong
   * @param duplicate whether this was an extra copy sent by a duplicate fault
   */
  public record Attempt(
      Instant at, int status, String error, boolean badSignature, boolean duplicate) {}
}
