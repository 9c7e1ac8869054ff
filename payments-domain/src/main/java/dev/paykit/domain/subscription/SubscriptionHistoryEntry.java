package dev.paykit.domain.subscription;

import dev.paykit.domain.payment.Outcome;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of a subscription's timeline: the event, the state before ({@code from}, null for the
 * first entry) and after, what became of it, when, the cycle it concerns, and a detail (a payment
 * id, a decline code; never card data). {@code sequence} is the version the entry produced.
 */
public record SubscriptionHistoryEntry(
    long sequence,
    SubscriptionState from,
    SubscriptionEvent event,
    SubscriptionState to,
    Outcome outcome,
    long cycle,
    Instant at,
    String detail) {

  public SubscriptionHistoryEntry {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(at, "at");
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must not be negative: " + sequence);
    }
  }
}
