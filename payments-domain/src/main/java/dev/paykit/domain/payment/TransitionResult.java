package dev.paykit.domain.payment;

/**
 * What applying a report or a local step did. Every variant carries the payment as it is now (its
 * history holds the new entry) and that entry; only {@link Applied} changed the state.
 */
public sealed interface TransitionResult {
  Payment payment();

  HistoryEntry entry();

  default Outcome outcome() {
    return entry().outcome();
  }

  record Applied(Payment payment, HistoryEntry entry) implements TransitionResult {}

  record Duplicate(Payment payment, HistoryEntry entry) implements TransitionResult {}

  record Stale(Payment payment, HistoryEntry entry) implements TransitionResult {}

  record Anomaly(Payment payment, HistoryEntry entry) implements TransitionResult {}

  record Rejected(Payment payment, HistoryEntry entry) implements TransitionResult {}

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
