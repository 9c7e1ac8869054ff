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
 * Refunds in memory. One lock guards every read and write, so that summing a payment's refunds and
 * adding one more is a single step: concurrent partial refunds cannot both fit in the same room.
 */
public final class InMemoryRefundStore implements RefundStore {
  private final Object lock = new Object();
  // Insertion order breaks ties between refunds created at the same instant.
  private final Map<RefundId, Refund> byId = new LinkedHashMap<>();

  @Override
  public boolean insertWithin(Refund refund, Money paymentAmount) {
    synchronized (lock) {
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
        if (other.paymentId().equals(refund.paymentId()) && other.state() != RefundState.FAILED) {
          committed = committed.plus(other.amount());
        }
      }
      if (committed.isGreaterThan(paymentAmount)) {
        return false;
      }
      byId.put(refund.id(), refund);
      return true;
    }
  }

  @Override
  public boolean update(Refund updated, long expectedVersion) {
    synchronized (lock) {
      Refund stored = byId.get(updated.id());
      if (stored == null || stored.version() != expectedVersion) {
        return false;
      }
      byId.put(updated.id(), updated);
      return true;
    }
  }

  @Override
  public Optional<Refund> findById(RefundId id) {
    synchronized (lock) {
      return Optional.ofNullable(byId.get(id));
    }
  }

  @Override
  public Optional<Refund> findByProviderRefundId(String providerRefundId) {
    synchronized (lock) {
      return byId.values().stream()
          .filter(refund -> providerRefundId.equals(refund.providerRefundId()))
          .findFirst();
    }
  }

  @Override
  public Optional<Refund> findByIdempotencyKey(IdempotencyKey key) {
    synchronized (lock) {
      return byId.values().stream()
          .filter(refund -> refund.idempotencyKey().equals(key))
          .findFirst();
    }
  }

  @Override
  public List<Refund> findByPaymentId(PaymentId paymentId) {
    synchronized (lock) {
      return byId.values().stream()
          .filter(refund -> refund.paymentId().equals(paymentId))
          .sorted(Comparator.comparing(Refund::createdAt))
          .toList();
    }
  }

  @Override
  public List<Refund> findStale(Set<RefundState> states, Instant updatedBefore, int limit) {
    synchronized (lock) {
      return byId.values().stream()
          .filter(r -> states.contains(r.state()) && r.updatedAt().isBefore(updatedBefore))
          .sorted(
              Comparator.comparing(Refund::updatedAt).thenComparing(refund -> refund.id().value()))
          .limit(Math.max(0, limit))
          .toList();
    }
  }
}
