package dev.paykit.bench.soak;

import dev.paykit.bench.soak.Invariants.Check;
import dev.paykit.domain.payment.Outcome;
import dev.paykit.domain.subscription.SubscriptionEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What must hold of the soak's subscriptions however the schedulers raced: no cycle paid twice, no
 * charge started once a cancellation took effect, no renewal started before its cycle's notice.
 * Pure, like {@link Invariants}: it reads rows.
 */
public final class SubscriptionInvariants {
  private static final int EXAMPLES = 5;

  /** One line of a subscription's timeline. */
  public record EntryRow(
      String subscriptionId, long sequence, SubscriptionEvent event, Outcome outcome, long cycle) {}

  /**
   * The renewals of one cycle: how many of its payments succeeded locally, and how many payments
   * the provider created under each of its attempts' keys.
   */
  public record CycleRow(
      String subscriptionId, long cycle, int succeeded, List<Integer> providerPaymentsPerKey) {}

  public record Data(List<EntryRow> timelines, List<CycleRow> cycles) {}

  private SubscriptionInvariants() {}

  public static List<Check> check(Data data) {
    return List.of(
        cyclesChargedTwice(data.cycles()),
        chargesAfterCancellation(data.timelines()),
        renewalsWithoutNotice(data.timelines()));
  }

  /** A cycle paid by two payments, or one attempt's key charged twice at the provider. */
  static Check cyclesChargedTwice(List<CycleRow> cycles) {
    List<String> found = new ArrayList<>();
    for (CycleRow c : cycles) {
      if (c.succeeded() > 1 || c.providerPaymentsPerKey().stream().anyMatch(n -> n > 1)) {
        found.add(
            c.subscriptionId()
                + " cycle "
                + c.cycle()
                + ": "
                + c.succeeded()
                + " paid, per key "
                + c.providerPaymentsPerKey());
      }
    }
    return check("cycles charged twice", found);
  }

  /** A renewal started after the subscription was cancelled (at period end, now, or by dunning). */
  static Check chargesAfterCancellation(List<EntryRow> timelines) {
    List<String> found = new ArrayList<>();
    bySubscription(timelines)
        .forEach(
            (id, entries) -> {
              boolean cancelled = false;
              for (EntryRow e : entries) {
                if (e.outcome() != Outcome.APPLIED) {
                  continue;
                }
                if (e.event() == SubscriptionEvent.RENEWAL_STARTED && cancelled) {
                  found.add(id + " #" + e.sequence() + " cycle " + e.cycle());
                }
                if (e.event() == SubscriptionEvent.CANCEL_AT_PERIOD_END
                    || e.event() == SubscriptionEvent.CANCEL_NOW
                    || e.event() == SubscriptionEvent.DUNNING_EXHAUSTED_CANCELLED) {
                  cancelled = true;
                }
              }
            });
    return check("charges after cancellation", found);
  }

  /** A renewal started for a cycle whose notice had not been sent before it. */
  static Check renewalsWithoutNotice(List<EntryRow> timelines) {
    List<String> found = new ArrayList<>();
    bySubscription(timelines)
        .forEach(
            (id, entries) -> {
              Set<Long> noticed = new HashSet<>();
              for (EntryRow e : entries) {
                if (e.outcome() != Outcome.APPLIED) {
                  continue;
                }
                if (e.event() == SubscriptionEvent.NOTICE_SENT) {
                  noticed.add(e.cycle());
                } else if (e.event() == SubscriptionEvent.RENEWAL_STARTED
                    && !noticed.contains(e.cycle())) {
                  found.add(id + " #" + e.sequence() + " cycle " + e.cycle());
                }
              }
            });
    return check("renewals without a prior notice", found);
  }

  private static Map<String, List<EntryRow>> bySubscription(List<EntryRow> timelines) {
    Map<String, List<EntryRow>> grouped = new LinkedHashMap<>();
    timelines.stream()
        .sorted(
            Comparator.comparing(EntryRow::subscriptionId).thenComparingLong(EntryRow::sequence))
        .forEach(e -> grouped.computeIfAbsent(e.subscriptionId(), k -> new ArrayList<>()).add(e));
    return grouped;
  }

  private static Check check(String name, List<String> found) {
    return new Check(name, found.size(), found.stream().limit(EXAMPLES).toList());
  }
}
