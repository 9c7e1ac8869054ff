package dev.paykit.domain.payment;

import java.util.ArrayList;
import java.util.List;

/**
 * A payment's audit trail as a store keeps it, rebuilt from what the steps returned: an entry a
 * step appends is added, a repeat replaces the latest entry with its counted copy. Tests use it to
 * check that the results alone tell a store everything it has to write.
 */
final class Trail {
  private final List<HistoryEntry> entries = new ArrayList<>();

  Trail(Payment created) {
    entries.add(created.latest());
  }

  /** Records {@code result} and returns its payment, to chain the next step on. */
  Payment record(TransitionResult result) {
    if (result.appends()) {
      entries.add(result.entry());
    } else {
      entries.set(entries.size() - 1, result.entry());
    }
    return result.payment();
  }

  HistoryEntry last() {
    return entries.get(entries.size() - 1);
  }

  List<HistoryEntry> entries() {
    return List.copyOf(entries);
  }

  /** How many reports and steps the trail accounts for after the creation: each time said. */
  int reportsAfterCreation() {
    return entries.stream().skip(1).mapToInt(HistoryEntry::timesSaid).sum();
  }
}
