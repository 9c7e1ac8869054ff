package dev.paykit.adapter.inmemory;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.StoreConflictException;
import dev.paykit.port.shared.PageCursor;
import dev.paykit.port.shared.PaymentPage;
import dev.paykit.port.shared.PaymentQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Payments in memory. One lock guards every read and write, so that each uniqueness check and the
 * write it allows happen as one step, as a database's constraints would make them.
 */
public final class InMemoryPaymentStore implements PaymentStore {
  private static final Comparator<Payment> NEWEST_FIRST =
      Comparator.comparing(Payment::createdAt)
          .thenComparing(payment -> payment.id().value())
          .reversed();

  private final Object lock = new Object();
  private final Map<PaymentId, Payment> byId = new HashMap<>();
  private final Map<IdempotencyKey, PaymentId> byKey = new HashMap<>();
  private final Map<TransactionId, PaymentId> byTransaction = new HashMap<>();
  private final Map<ExternalId, List<PaymentId>> byOrder = new HashMap<>();
  private final Map<PaymentId, Instant> lookedUpAt = new HashMap<>();

  @Override
  public void insert(Payment payment) {
    synchronized (lock) {
      if (byId.containsKey(payment.id())) {
        throw new StoreConflictException(
            StoreConflictException.Kind.DUPLICATE_ID, "payment " + payment.id() + " exists");
      }
      if (byKey.containsKey(payment.idempotencyKey())) {
        throw new StoreConflictException(
            StoreConflictException.Kind.DUPLICATE_IDEMPOTENCY_KEY,
            "a payment with this idempotency key exists");
      }
      List<PaymentId> ofOrder = byOrder.getOrDefault(payment.externalId(), List.of());
      for (PaymentId other : ofOrder) {
        PaymentState state = byId.get(other).state();
        if (state.isActive() || state == PaymentState.SUCCEEDED) {
          throw new StoreConflictException(
              StoreConflictException.Kind.ACTIVE_PAYMENT_FOR_ORDER,
              "order " + payment.externalId() + " has payment " + other + " in " + state);
        }
      }
      byId.put(payment.id(), payment);
      byKey.put(payment.idempotencyKey(), payment.id());
      byOrder.computeIfAbsent(payment.externalId(), order -> new ArrayList<>()).add(payment.id());
      indexTransaction(payment);
    }
  }

  @Override
  public boolean update(Payment updated, long expectedVersion) {
    synchronized (lock) {
      Payment stored = byId.get(updated.id());
      if (stored == null || stored.version() != expectedVersion) {
        return false;
      }
      // The history is an audit trail: entries already stored are kept as they are.
      List<HistoryEntry> history = new ArrayList<>(stored.history());
      for (HistoryEntry entry : updated.history()) {
        if (entry.sequence() > expectedVersion) {
          history.add(entry);
        }
      }
      Payment merged =
          new Payment(
              updated.id(),
              updated.idempotencyKey(),
              updated.request(),
              updated.state(),
              updated.failure(),
              updated.transactionId(),
              updated.checkoutUrl(),
              updated.createdAt(),
              updated.updatedAt(),
              updated.version(),
              history);
      byId.put(merged.id(), merged);
      indexTransaction(merged);
      return true;
    }
  }

  @Override
  public Optional<Payment> findById(PaymentId id) {
    synchronized (lock) {
      return Optional.ofNullable(byId.get(id));
    }
  }

  @Override
  public Optional<Payment> findByTransactionId(TransactionId transactionId) {
    synchronized (lock) {
      return Optional.ofNullable(byTransaction.get(transactionId)).map(byId::get);
    }
  }

  @Override
  public Optional<Payment> findByIdempotencyKey(IdempotencyKey key) {
    synchronized (lock) {
      return Optional.ofNullable(byKey.get(key)).map(byId::get);
    }
  }

  @Override
  public List<Payment> findByExternalId(ExternalId externalId) {
    synchronized (lock) {
      return byOrder.getOrDefault(externalId, List.of()).stream()
          .map(byId::get)
          .sorted(
              Comparator.comparing(Payment::createdAt)
                  .thenComparing(payment -> payment.id().value()))
          .toList();
    }
  }

  @Override
  public List<Payment> findStale(Set<PaymentState> states, Instant quietBefore, int limit) {
    synchronized (lock) {
      return byId.values().stream()
          .filter(p -> states.contains(p.state()) && lastNews(p).isBefore(quietBefore))
          .sorted(
              Comparator.comparing(this::lastNews).thenComparing(payment -> payment.id().value()))
          .limit(limit)
          .toList();
    }
  }

  @Override
  public boolean recordLookUp(PaymentId id, Instant at) {
    synchronized (lock) {
      if (!byId.containsKey(id)) {
        return false;
      }
      lookedUpAt.merge(id, at, (noted, given) -> given.isAfter(noted) ? given : noted);
      return true;
    }
  }

  /** The later of the payment's last update and its last look-up. */
  private Instant lastNews(Payment payment) {
    Instant lookedUp = lookedUpAt.get(payment.id());
    return lookedUp == null || lookedUp.isBefore(payment.updatedAt())
        ? payment.updatedAt()
        : lookedUp;
  }

  @Override
  public PaymentPage list(PaymentQuery query) {
    List<Payment> matching;
    synchronized (lock) {
      matching =
          byId.values().stream()
              .filter(payment -> matches(query, payment))
              .sorted(NEWEST_FIRST)
              .limit(query.limit() + 1L)
              .toList();
    }
    if (matching.size() <= query.limit()) {
      return new PaymentPage(matching, null);
    }
    List<Payment> page = matching.subList(0, query.limit());
    Payment last = page.get(page.size() - 1);
    return new PaymentPage(page, new PageCursor(last.createdAt(), last.id()));
  }

  private static boolean matches(PaymentQuery query, Payment payment) {
    if (query.externalId() != null && !query.externalId().equals(payment.externalId())) {
      return false;
    }
    if (query.state() != null && query.state() != payment.state()) {
      return false;
    }
    if (query.createdFrom() != null && payment.createdAt().isBefore(query.createdFrom())) {
      return false;
    }
    if (query.createdTo() != null && !payment.createdAt().isBefore(query.createdTo())) {
      return false;
    }
    return query.cursor().map(cursor -> isAfter(payment, cursor)).orElse(true);
  }

  /** Whether {@code payment} comes after the cursor in newest-first order. */
  private static boolean isAfter(Payment payment, PageCursor cursor) {
    int byTime = payment.createdAt().compareTo(cursor.createdAt());
    return byTime < 0 || (byTime == 0 && payment.id().value().compareTo(cursor.id().value()) < 0);
  }

  private void indexTransaction(Payment payment) {
    if (payment.transactionId() != null) {
      byTransaction.put(payment.transactionId(), payment.id());
    }
  }
}
