package dev.paykit.adapter.inmemory;

import dev.paykit.domain.subscription.Subscription;
import dev.paykit.domain.subscription.SubscriptionHistoryEntry;
import dev.paykit.domain.subscription.SubscriptionId;
import dev.paykit.domain.subscription.SubscriptionState;
import dev.paykit.domain.subscription.SubscriptionStep;
import dev.paykit.port.out.StoreConflictException;
import dev.paykit.port.out.SubscriptionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Subscriptions and their timelines in memory, under their family's lock. */
final class InMemorySubscriptionStore implements SubscriptionStore {
  private final InMemoryUnitOfWork unit;
  private final Map<SubscriptionId, Subscription> byId = new LinkedHashMap<>();
  private final Map<SubscriptionId, List<SubscriptionHistoryEntry>> timelines =
      new LinkedHashMap<>();
  private final Map<SubscriptionId, Instant> claimedUntil = new HashMap<>();

  InMemorySubscriptionStore(InMemoryUnitOfWork unit) {
    this.unit = unit;
  }

  @Override
  public void insert(Subscription subscription) {
    unit.call(
        () -> {
          if (byId.containsKey(subscription.id())) {
            throw new StoreConflictException(
                StoreConflictException.Kind.DUPLICATE_ID,
                "subscription " + subscription.id() + " exists");
          }
          byId.put(subscription.id(), subscription);
          timelines.put(subscription.id(), new ArrayList<>(List.of(subscription.latest())));
          unit.undoing(
              () -> {
                byId.remove(subscription.id());
                timelines.remove(subscription.id());
              });
          return null;
        });
  }

  @Override
  public boolean write(SubscriptionStep step, long expectedVersion) {
    Subscription updated = step.subscription();
    if (updated.version() != expectedVersion + 1) {
      throw new IllegalArgumentException(
          "a step raises the version by one: " + updated.id() + " is at " + updated.version());
    }
    return unit.call(
        () -> {
          Subscription stored = byId.get(updated.id());
          if (stored == null || stored.version() != expectedVersion) {
            return false;
          }
          byId.put(updated.id(), updated);
          List<SubscriptionHistoryEntry> timeline = timelines.get(updated.id());
          timeline.add(step.entry());
          unit.undoing(
              () -> {
                byId.put(stored.id(), stored);
                timeline.remove(timeline.size() - 1);
              });
          return true;
        });
  }

  @Override
  public Optional<Subscription> findById(SubscriptionId id) {
    return unit.call(() -> Optional.ofNullable(byId.get(id)));
  }

  @Override
  public List<SubscriptionHistoryEntry> history(SubscriptionId id) {
    return unit.call(() -> List.copyOf(timelines.getOrDefault(id, List.of())));
  }

  @Override
  public List<Subscription> claimDue(Instant now, Duration claimFor, int limit) {
    if (limit < 1) {
      return List.of();
    }
    return unit.call(
        () -> {
          List<Subscription> due =
              byId.values().stream()
                  .filter(s -> s.wakeAt().filter(at -> !at.isAfter(now)).isPresent())
                  .filter(s -> !claimedUntil.getOrDefault(s.id(), Instant.MIN).isAfter(now))
                  .sorted(
                      Comparator.comparing((Subscription s) -> s.wakeAt().orElseThrow())
                          .thenComparing(s -> s.id().value()))
                  .limit(limit)
                  .toList();
          // Claims are not undone with the phase: they only spread work, like the JDBC lease.
          due.forEach(s -> claimedUntil.put(s.id(), now.plus(claimFor)));
          return due;
        });
  }

  @Override
  public Map<SubscriptionState, Long> countByState() {
    return unit.call(
        () -> {
          Map<SubscriptionState, Long> counts = new EnumMap<>(SubscriptionState.class);
          byId.values().forEach(s -> counts.merge(s.state(), 1L, Long::sum));
          return counts;
        });
  }
}
