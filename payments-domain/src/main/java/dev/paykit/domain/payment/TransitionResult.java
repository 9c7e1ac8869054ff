package dev.paykit.domain.payment;

/**
 * What applying a report or a local step did. Every variant carries the payment as it is now and
 * the history entry the step wrote: a new one ({@code payment.latest()} then), or, for {@link
 * Repeated}, the latest entry with the repeat counted. Only {@link Applied} changed the state.
 */
public sealed interface TransitionResult {
  Payment payment();

  HistoryEntry entry();

  default Outcome outcome() {
    return entry().outcome();
  }

  /** Whether the step appends {@link #entry()}; false when it counts a repeat of the latest. */
  default boolean appends() {
    return !(this instanceof Repeated);
  }

  record Applied(Payment payment, HistoryEntry entry) implements TransitionResult {}

  record Duplicate(Payment payment, HistoryEntry entry) implements TransitionResult {}

  record Stale(Payment payment, HistoryEntry entry) implements TransitionResult {}

  record Anomaly(Payment payment, HistoryEntry entry) implements TransitionResult {}

  record Rejected(Payment payment, HistoryEntry entry) implements TransitionResult {}

  /**
   * The report changed nothing and said what the latest entry says: that entry is counted once more
   * instead of a new one being appended. The payment's version stays as it was.
   */
  record Repeated(Payment payment, HistoryEntry entry) implements TransitionResult {}

  static TransitionResult of(Payment payment, HistoryEntry entry) {
    return switch (entry.outcome()) {
      case APPLIED -> new Applied(payment, entry);
      case DUPLICATE -> new Duplicate(payment, entry);
      case STALE -> new Stale(payment, entry);
      case ANOMALY -> new Anomaly(payment, entry);
      case REJECTED -> new Rejected(payment, entry);
    };
  }
}
