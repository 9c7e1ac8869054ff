package dev.paykit.adapter.inmemory;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.refund.Refund;
import dev.paykit.domain.refund.RefundId;
import dev.paykit.domain.refund.RefundState;
import dev.paykit.port.out.RefundStore;
import dev.paykit.port.out.StoreConflictException;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Refunds in memory, under their family's lock, so that summing a payment's refunds and adding one
 * more is a single step: concurrent partial refunds cannot both fit in the same room.
 */
final class InMemoryRefundStore implements RefundStore {
  private final InMemoryUnitOfWork unit;
  // Insertion order breaks ties between refunds created at the same instant.
  private final Map<RefundId, Refund> byId = new LinkedHashMap<>();

  InMemoryRefundStore(InMemoryUnitOfWork unit) {
    this.unit = unit;
  }

  @Override
  public boolean insertWithin(Refund refund, Money paymentAmount) {
    return unit.call(
        () -> {
          if (byId.containsKey(refund.id())) {
            throw new StoreConflictException(
                StoreConflictException.Kind.DUPLICATE_ID, "refund " + refund.id() + " exists");
          }
          if (findByIdempotencyKey(refund.idempotencyKey()).isPresent()) {
            throw new StoreConflictException(
                StoreConflictException.Kind.DUPLICATE_IDEMPOTENCY_KEY,
                "a refund with this idempotency key exists");
          }
          Money committed = refund.amount();
          for (Refund other : byId.values()) {
            if (other.paymentId().equals(refund.paymentId())
                && other.state() != RefundState.FAILED) {
              committed = committed.plus(other.amount());
            }
          }
          if (committed.isGreaterThan(paymentAmount)) {
            return false;
          }
          byId.put(refund.id(), refund);
          unit.undoing(() -> byId.remove(refund.id()));
          return true;
        });
  }

  @Override
  public boolean update(Refund updated, long expectedVersion) {
    return unit.call(
        () -> {
          Refund stored = byId.get(updated.id());
          if (stored == null || stored.version() != expectedVersion) {
            return false;
          }
          byId.put(updated.id(), updated);
          unit.undoing(() -> byId.put(stored.id(), stored));
          return true;
        });
  }

  @Override
  public Optional<Refund> findById(RefundId id) {
    return unit.call(() -> Optional.ofNullable(byId.get(id)));
  }

  @Override
  public Optional<Refund> findByProviderRefundId(String providerRefundId) {
    return unit.call(
        () ->
            byId.values().stream()
                .filter(refund -> providerRefundId.equals(refund.providerRefundId()))
                .findFirst());
  }

  @Override
  public Optional<Refund> findByIdempotencyKey(IdempotencyKey key) {
    return unit.call(
        () ->
            byId.values().stream()
                .filter(refund -> refund.idempotencyKey().equals(key))
                .findFirst());
  }

  @Override
  public List<Refund> findByPaymentId(PaymentId paymentId) {
    return unit.call(
        () ->
            byId.values().stream()
                .filter(refund -> refund.paymentId().equals(paymentId))
                .sorted(Comparator.comparing(Refund::createdAt))
                .toList());
  }

  @Override
  public List<Refund> findStale(Set<RefundState> states, Instant updatedBefore, int limit) {
    return unit.call(
        () ->
            byId.values().stream()
                .filter(r -> states.contains(r.state()) && r.updatedAt().isBefore(updatedBefore))
                .sorted(
                    Comparator.comparing(Refund::updatedAt)
                        .thenComparing(refund -> refund.id().value()))
                .limit(Math.max(0, limit))
                .toList());
  }
}
