package dev.paykit.domain.dispute;

import dev.paykit.domain.payment.Outcome;
import dev.paykit.domain.payment.TransitionSource;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a dispute's timeline: the event, the state before ({@code from}, null for the first
 * entry) and after ({@code to}), what became of the event, who said it, when, and the provider's
 * event and request ids. {@code sequence} is the dispute version the entry produced. Entries are
 * never rewritten.
 */
public record DisputeHistoryEntry(
    long sequence,
    DisputeState from,
    DisputeEvent event,
    DisputeState to,
    Outcome outcome,
    TransitionSource source,
    Instant at,
    String eventId,
    String requestId,
    String detail) {

  public DisputeHistoryEntry {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(at, "at");
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must not be negative: " + sequence);
    }
  }

  public Optional<String> providerEventId() {
    return Optional.ofNullable(eventId);
  }

  /** Whether the entry moved the dispute to another state. */
  public boolean moved() {
    return outcome == Outcome.APPLIED && from != to;
  }
}
