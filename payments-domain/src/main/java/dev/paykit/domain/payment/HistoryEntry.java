package dev.paykit.domain.payment;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a payment's audit trail: what was reported ({@code from} to {@code reported}), what
 * became of it, who said it, when, and the provider's event and request ids. {@code sequence} is
 * the payment version the entry produced, so entries are ordered and never rewritten.
 */
public record HistoryEntry(
    long sequence,
    PaymentState from,
    PaymentState reported,
    Outcome outcome,
    TransitionSource source,
    Instant at,
    String eventId,
    String requestId,
    String detail) {

  public HistoryEntry {
    Objects.requireNonNull(reported, "reported");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(at, "at");
  }

  public Optional<String> providerEventId() {
    return Optional.ofNullable(eventId);
  }

  public Optional<String> providerRequestId() {
    return Optional.ofNullable(requestId);
  }
}
