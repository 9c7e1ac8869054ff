package dev.paykit.domain.outbox;

import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.PaymentId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A change the shop must act on, written in the same phase as the change itself and delivered to
 * the shop's handler at least once, in order per payment.
 *
 * <p>{@code id} is the shop's de-duplication key: a redelivery carries the same id. {@code
 * sequence} numbers the events of one payment from 1, refunds' included, in the order they were
 * written; the store assigns it when the event is appended (0 before). {@code refundId} is set for
 * refund events. {@code payload} holds the facts of the event as text (amount, state, failure
 * reason and decline code, ...), in a stable order.
 */
public record OutboxEvent(
    OutboxEventId id,
    OutboxEventType type,
    PaymentId paymentId,
    String refundId,
    ExternalId externalId,
    long sequence,
    Instant occurredAt,
    Map<String, String> payload) {

  public OutboxEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(paymentId, "paymentId");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must not be negative: " + sequence);
    }
    payload = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(payload));
  }

  public Optional<String> refund() {
    return Optional.ofNullable(refundId);
  }

  /** This event with the sequence number its store gave it. */
  public OutboxEvent sequenced(long number) {
    return new OutboxEvent(id, type, paymentId, refundId, externalId, number, occurredAt, payload);
  }

  /** Without the payload, which may carry the shop's metadata: ids, type and sequence only. */
  @Override
  public String toString() {
    return "OutboxEvent["
        + type.wireName()
        + " "
        + id
        + " of payment "
        + paymentId
        + " #"
        + sequence
        + "]";
  }
}
