package dev.paykit.adapter.inmemory;

import dev.paykit.domain.dispute.Dispute;
import dev.paykit.domain.dispute.DisputeHistoryEntry;
import dev.paykit.domain.dispute.DisputeId;
import dev.paykit.domain.dispute.DisputeReason;
import dev.paykit.domain.dispute.DisputeState;
import dev.paykit.domain.dispute.DisputeStep;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.port.out.DisputeStore;
import dev.paykit.port.out.StoreConflictException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Disputes and their timelines in memory, under their family's lock. */
final class InMemoryDisputeStore implements DisputeStore {
  private final InMemoryUnitOfWork unit;
  // Insertion order breaks ties between disputes opened at the same instant.
  private final Map<DisputeId, Dispute> byId = new LinkedHashMap<>();
  private final Map<DisputeId, List<DisputeHistoryEntry>> timelines = new LinkedHashMap<>();

  InMemoryDisputeStore(InMemoryUnitOfWork unit) {
    this.unit = unit;
  }

  @Override
  public void insert(Dispute dispute) {
    unit.call(
        () -> {
          if (byId.containsKey(dispute.id())) {
            throw new StoreConflictException(
                StoreConflictException.Kind.DUPLICATE_ID, "dispute " + dispute.id() + " exists");
          }
          byId.put(dispute.id(), dispute);
          timelines.put(dispute.id(), new ArrayList<>(List.of(dispute.latest())));
          unit.undoing(
              () -> {
                byId.remove(dispute.id());
                timelines.remove(dispute.id());
              });
          return null;
        });
  }

  @Override
  public boolean write(DisputeStep step, long expectedVersion) {
    return unit.call(
        () -> {
          Dispute updated = step.dispute();
          Dispute stored = byId.get(updated.id());
          if (stored == null || stored.version() != expectedVersion) {
            return false;
          }
          byId.put(updated.id(), updated);
          List<DisputeHistoryEntry> timeline = timelines.get(updated.id());
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
  public Optional<Dispute> findById(DisputeId id) {
    return unit.call(() -> Optional.ofNullable(byId.get(id)));
  }

  @Override
  public List<Dispute> findByPaymentId(PaymentId paymentId) {
    return unit.call(
        () ->
            byId.values().stream()
                .filter(dispute -> dispute.paymentId().equals(paymentId))
                .sorted(Comparator.comparing(Dispute::createdAt))
                .toList());
  }

  @Override
  public List<DisputeHistoryEntry> history(DisputeId id) {
    return unit.call(() -> List.copyOf(timelines.getOrDefault(id, List.of())));
  }

  @Override
  public List<Dispute> findStale(Set<DisputeState> states, Instant quietBefore, int limit) {
    return unit.call(
        () ->
            byId.values().stream()
                .filter(d -> states.contains(d.state()) && d.lastNewsAt().isBefore(quietBefore))
                .sorted(Comparator.comparing(Dispute::lastNewsAt))
                .limit(limit)
                .toList());
  }

  @Override
  public List<Dispute> findReminderDue(Instant dueBy, int limit) {
    return unit.call(
        () ->
            byId.values().stream()
                .filter(
                    d ->
                        d.state() == DisputeState.NEEDS_RESPONSE
                            && d.evidenceSubmittedAt() == null
                            && d.reminderSentAt() == null
                            && !d.evidenceDueBy().isAfter(dueBy))
                .sorted(Comparator.comparing(Dispute::evidenceDueBy))
                .limit(limit)
                .toList());
  }

  @Override
  public boolean recordLookUp(DisputeId id, Instant at) {
    return unit.call(
        () -> {
          Dispute stored = byId.get(id);
          if (stored == null) {
            return false;
          }
          byId.put(id, stored.lookedUpAt(at));
          unit.undoing(() -> byId.put(id, stored));
          return true;
        });
  }

  @Override
  public Map<DisputeState, Map<DisputeReason, Long>> countByStateAndReason() {
    return unit.call(
        () -> {
          Map<DisputeState, Map<DisputeReason, Long>> counts = new EnumMap<>(DisputeState.class);
          for (Dispute dispute : byId.values()) {
            counts
                .computeIfAbsent(dispute.state(), s -> new EnumMap<>(DisputeReason.class))
                .merge(dispute.reason(), 1L, Long::sum);
          }
          return counts;
        });
  }
}
