package dev.paykit.adapter.inmemory;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ProviderName;
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
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Payments in memory, under their family's lock, so that each uniqueness check and the write it
 * allows happen as one step, as a database's constraints would make them.
 *
 * <p>A payment is kept as its latest snapshot (carrying its latest history entry) beside its
 * history, an append-only list of its own: a step appends one entry, a repeat replaces the last
 * one, and neither copies the trail.
 */
final class InMemoryPaymentStore implements PaymentStore {
  private static final Comparator<Payment> NEWEST_FIRST =
      Comparator.comparing(Payment::createdAt)
          .thenComparing(payment -> payment.id().value())
          .reversed();

  private final InMemoryUnitOfWork unit;
  private final Map<PaymentId, Payment> byId = new HashMap<>();
  private final Map<PaymentId, List<HistoryEntry>> histories = new HashMap<>();
  private final Map<IdempotencyKey, PaymentId> byKey = new HashMap<>();
  private final Map<AtProvider, PaymentId> byTransaction = new HashMap<>();
  private final Map<ExternalId, List<PaymentId>> byOrder = new HashMap<>();
  private final Map<PaymentId, Instant> lookedUpAt = new HashMap<>();

  /** A transaction id is the provider's own: two providers may give out the same one. */
  private record AtProvider(ProviderName provider, TransactionId transactionId) {}

  InMemoryPaymentStore(InMemoryUnitOfWork unit) {
    this.unit = unit;
  }

  @Override
  public void insert(Payment payment) {
    unit.call(
        () -> {
          refuseConflicts(payment);
          List<HistoryEntry> history = new ArrayList<>();
          history.add(payment.latest());
          byId.put(payment.id(), payment);
          histories.put(payment.id(), history);
          byKey.put(payment.idempotencyKey(), payment.id());
          List<PaymentId> ofOrder =
              byOrder.computeIfAbsent(payment.externalId(), order -> new ArrayList<>());
          ofOrder.add(payment.id());
          unit.undoing(
              () -> {
                byId.remove(payment.id());
                histories.remove(payment.id());
                byKey.remove(payment.idempotencyKey());
                ofOrder.remove(ofOrder.size() - 1);
                if (ofOrder.isEmpty()) {
                  byOrder.remove(payment.externalId());
                }
              });
          indexTransaction(payment);
          return null;
        });
  }

  private void refuseConflicts(Payment payment) {
    if (byId.containsKey(payment.id())) {
      throw new StoreConflictException(
          StoreConflictException.Kind.DUPLICATE_ID, "payment " + payment.id() + " exists");
    }
    if (byKey.containsKey(payment.idempotencyKey())) {
      throw new StoreConflictException(
          StoreConflictException.Kind.DUPLICATE_IDEMPOTENCY_KEY,
          "a payment with this idempotency key exists");
    }
    for (PaymentId other : byOrder.getOrDefault(payment.externalId(), List.of())) {
      PaymentState state = byId.get(other).state();
      if (state.isActive() || state == PaymentState.SUCCEEDED) {
        throw new StoreConflictException(
            StoreConflictException.Kind.ACTIVE_PAYMENT_FOR_ORDER,
            "order " + payment.externalId() + " has payment " + other + " in " + state);
      }
    }
  }

  @Override
  public boolean update(Payment updated, long expectedVersion) {
    if (updated.version() != expectedVersion + 1) {
      throw new IllegalArgumentException(
          "an update is one version above the expected one: version "
              + updated.version()
              + ", expected "
              + expectedVersion);
    }
    return unit.call(
        () -> {
          Payment stored = byId.get(updated.id());
          if (stored == null || stored.version() != expectedVersion) {
            return false;
          }
          List<HistoryEntry> history = histories.get(updated.id());
          byId.put(updated.id(), updated);
          history.add(updated.latest());
          unit.undoing(
              () -> {
                byId.put(stored.id(), stored);
                history.remove(history.size() - 1);
              });
          indexTransaction(updated);
          return true;
        });
  }

  @Override
  public boolean countRepeat(PaymentId id, HistoryEntry repeated) {
    Objects.requireNonNull(id, "id");
    if (repeated.repeats() == 0) {
      throw new IllegalArgumentException("repeated: the entry was not repeated (repeats is 0)");
    }
    return unit.call(
        () -> {
          Payment stored = byId.get(id);
          if (stored == null || stored.version() != repeated.sequence()) {
            return false;
          }
          HistoryEntry latest = stored.latest();
          // Counted on what is stored, not set from the caller's copy: repeats counted by
          // concurrent callers that read the same version all add up.
          HistoryEntry counted = latest.repeatedAt(repeated.lastSeenAt());
          List<HistoryEntry> history = histories.get(id);
          byId.put(id, withLatest(stored, counted));
          history.set(history.size() - 1, counted);
          unit.undoing(
              () -> {
                byId.put(id, stored);
                history.set(history.size() - 1, latest);
              });
          return true;
        });
  }

  @Override
  public List<HistoryEntry> history(PaymentId id) {
    return unit.call(() -> List.copyOf(histories.getOrDefault(id, List.of())));
  }

  @Override
  public Optional<Payment> findById(PaymentId id) {
    return unit.call(() -> Optional.ofNullable(byId.get(id)));
  }

  @Override
  public Optional<Payment> findByTransactionId(ProviderName provider, TransactionId transactionId) {
    AtProvider at = new AtProvider(provider, transactionId);
    return unit.call(() -> Optional.ofNullable(byTransaction.get(at)).map(byId::get));
  }

  @Override
  public Optional<Payment> findByIdempotencyKey(IdempotencyKey key) {
    return unit.call(() -> Optional.ofNullable(byKey.get(key)).map(byId::get));
  }

  @Override
  public List<Payment> findByExternalId(ExternalId externalId) {
    return unit.call(
        () ->
            byOrder.getOrDefault(externalId, List.of()).stream()
                .map(byId::get)
                .sorted(
                    Comparator.comparing(Payment::createdAt)
                        .thenComparing(payment -> payment.id().value()))
                .toList());
  }

  @Override
  public List<Payment> findStale(Set<PaymentState> states, Instant quietBefore, int limit) {
    return unit.call(
        () ->
            byId.values().stream()
                .filter(p -> states.contains(p.state()) && lastNews(p).isBefore(quietBefore))
                .sorted(
                    Comparator.comparing(this::lastNews)
                        .thenComparing(payment -> payment.id().value()))
                .limit(limit)
                .toList());
  }

  @Override
  public boolean recordLookUp(PaymentId id, Instant at) {
    return unit.call(
        () -> {
          if (!byId.containsKey(id)) {
            return false;
          }
          Instant noted = lookedUpAt.get(id);
          if (noted == null || at.isAfter(noted)) {
            lookedUpAt.put(id, at);
            unit.undoing(
                () -> {
                  if (noted == null) {
                    lookedUpAt.remove(id);
                  } else {
                    lookedUpAt.put(id, noted);
                  }
                });
          }
          return true;
        });
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
    List<Payment> matching =
        unit.call(
            () ->
                byId.values().stream()
                    .filter(payment -> matches(query, payment))
                    .sorted(NEWEST_FIRST)
                    .limit(query.limit() + 1L)
                    .toList());
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
    if (payment.transactionId() == null) {
      return;
    }
    AtProvider tx = new AtProvider(payment.provider(), payment.transactionId());
    PaymentId before = byTransaction.put(tx, payment.id());
    if (!payment.id().equals(before)) {
      unit.undoing(
          () -> {
            if (before == null) {
              byTransaction.remove(tx);
            } else {
              byTransaction.put(tx, before);
            }
          });
    }
  }

  private static Payment withLatest(Payment payment, HistoryEntry latest) {
    return new Payment(
        payment.id(),
        payment.idempotencyKey(),
        payment.provider(),
        payment.request(),
        payment.state(),
        payment.failure(),
        payment.transactionId(),
        payment.checkoutUrl(),
        payment.createdAt(),
        payment.updatedAt(),
        payment.version(),
        latest);
  }
}
