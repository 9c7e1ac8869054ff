package dev.paykit.domain.payment;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a payment's audit trail: what was reported ({@code from} to {@code reported}), what
 * became of it, who said it, when, and the provider's event and request ids. {@code sequence} is
 * the payment version the entry produced, so entries are ordered; an entry is never rewritten but
 * to count a repeat of it.
 *
 * <p>A report that changes nothing and says what the latest entry says (the same move, outcome,
 * source and detail) is not appended: it is counted on that entry, {@code repeats} one higher and
 * {@code lastSeenAt} its time. A payment's trail therefore grows with what happened to it, not with
 * how often the provider repeated itself, and still shows every distinct report with the source and
 * event id of its first occurrence.
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
    String detail,
    int repeats,
    Instant lastSeenAt) {

  public HistoryEntry {
    Objects.requireNonNull(reported, "reported");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(at, "at");
    if (repeats < 0) {
      throw new IllegalArgumentException("repeats must not be negative: " + repeats);
    }
    if ((repeats == 0) != (lastSeenAt == null)) {
      throw new IllegalArgumentException("lastSeenAt is set exactly when the entry was repeated");
    }
  }

  /** An entry said once. */
  public HistoryEntry(
      long sequence,
      PaymentState from,
      PaymentState reported,
      Outcome outcome,
      TransitionSource source,
      Instant at,
      String eventId,
      String requestId,
      String detail) {
    this(sequence, from, reported, outcome, source, at, eventId, requestId, detail, 0, null);
  }

  public Optional<String> providerEventId() {
    return Optional.ofNullable(eventId);
  }

  public Optional<String> providerRequestId() {
    return Optional.ofNullable(requestId);
  }

  /** How many times the report was made in all: once, plus its repeats. */
  public int timesSaid() {
    return repeats + 1;
  }

  /** Whether {@code other} says what this entry says: the same move, outcome, source and detail. */
  public boolean saysTheSameAs(HistoryEntry other) {
    return from == other.from
        && reported == other.reported
        && outcome == other.outcome
        && source == other.source
        && Objects.equals(detail, other.detail);
  }

  /**
   * This entry, said once more at {@code at}. {@code lastSeenAt} is the latest time it was said:
   * nodes' clocks disagree, and a repeat stamped earlier must not move it back, nor before the
   * entry's own time.
   */
  public HistoryEntry repeatedAt(Instant at) {
    Instant seen = lastSeenAt == null ? this.at : lastSeenAt;
    Instant last = at.isAfter(seen) ? at : seen;
    return new HistoryEntry(
        sequence,
        from,
        reported,
        outcome,
        source,
        this.at,
        eventId,
        requestId,
        detail,
        repeats + 1,
        last);
  }
}
