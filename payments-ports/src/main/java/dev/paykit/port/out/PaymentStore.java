package dev.paykit.port.out;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ProviderName;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.domain.payment.TransitionResult;
import dev.paykit.port.shared.PaymentPage;
import dev.paykit.port.shared.PaymentQuery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where payments and their history live. A payment is read with its latest history entry only; the
 * whole trail is read with {@link #history}. Implementations must be safe for concurrent use, also
 * from several processes on one database; {@code payments-testkit}'s {@code PaymentStoreContract}
 * is the executable form of this contract.
 *
 * <p>Instants may come back truncated to microseconds (PostgreSQL's precision). The request and the
 * idempotency key of a payment never change after insert; only its lifecycle fields and its
 * provider (which a failover changes) do. Transaction ids are the providers' own, so two providers
 * may hand out the same one: a payment is found by its provider and transaction id together.
 */
public interface PaymentStore {

  /**
   * Stores a new payment (version 0) with {@link Payment#latest()} as the first entry of its
   * history.
   *
   * @throws StoreConflictException {@code ACTIVE_PAYMENT_FOR_ORDER} if the order already has a
   *     payment that is active or succeeded; {@code DUPLICATE_ID} or {@code
   *     DUPLICATE_IDEMPOTENCY_KEY} if either is taken. Nothing is written then.
   */
  void insert(Payment payment);

  /**
   * Replaces the stored payment with {@code updated} if the stored version still is {@code
   * expectedVersion}, appending {@code updated.latest()} to its history. Returns false, and changes
   * nothing, if another writer got there first (optimistic locking).
   *
   * @throws IllegalArgumentException if {@code updated}'s version is not {@code expectedVersion +
   *     1}
   */
  boolean update(Payment updated, long expectedVersion);

  /**
   * Counts a repeat of the latest history entry: if the stored version still is {@code
   * repeated.sequence()}, that entry's {@code repeats} goes one up and its {@code lastSeenAt} to
   * {@code repeated.lastSeenAt()} (unless the stored one is later). The payment itself, its version
   * included, stays as it is. False, changing nothing, if the version moved on.
   *
   * @throws IllegalArgumentException if {@code repeated} was not repeated ({@code repeats == 0})
   */
  boolean countRepeat(PaymentId id, HistoryEntry repeated);

  /**
   * Writes a step's result as the step says: {@link #update} for one that appends an entry, {@link
   * #countRepeat} for a repeat. False if another writer got there first.
   */
  default boolean write(TransitionResult result, long expectedVersion) {
    return result.appends()
        ? update(result.payment(), expectedVersion)
        : countRepeat(result.payment().id(), result.entry());
  }

  /** The payment's history, oldest first; empty if there is no such payment. */
  List<HistoryEntry> history(PaymentId id);

  Optional<Payment> findById(PaymentId id);

  /** The payment {@code provider} knows as {@code transactionId}. */
  Optional<Payment> findByTransactionId(ProviderName provider, TransactionId transactionId);

  Optional<Payment> findByIdempotencyKey(IdempotencyKey key);

  /** Every payment of an order, oldest first. */
  List<Payment> findByExternalId(ExternalId externalId);

  /**
   * Payments in one of {@code states} with no news since before {@code quietBefore}: last updated
   * before it, and not looked up at or after it ({@link #recordLookUp}). The longest quiet first.
   */
  List<Payment> findStale(Set<PaymentState> states, Instant quietBefore, int limit);

  /**
   * Notes that the provider was asked about the payment at {@code at}. The payment, its version and
   * its history stay as they are (a look-up that changed nothing leaves no trace in the audit
   * trail); only {@link #findStale} takes it into account, so a payment is looked up again only
   * once it has been quiet for a whole threshold since. A time before the one already noted is
   * ignored. False if there is no such payment.
   */
  boolean recordLookUp(PaymentId id, Instant at);

  PaymentPage list(PaymentQuery query);
}
