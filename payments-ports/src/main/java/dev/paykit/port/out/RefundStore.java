package dev.paykit.port.out;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.refund.Refund;
import dev.paykit.domain.refund.RefundId;
import dev.paykit.domain.refund.RefundState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where refunds live. Safe for concurrent use, also from several processes on one database. */
public interface RefundStore {

  /**
   * Stores a new refund if, together with the payment's refunds that have not failed, it stays
   * within {@code paymentAmount}; the check and the insert are one atomic step, so concurrent
   * partial refunds can never add up to more than the payment. Returns false, writing nothing, if
   * it would exceed.
   *
   * @throws StoreConflictException {@code DUPLICATE_ID} or {@code DUPLICATE_IDEMPOTENCY_KEY}
   */
  boolean insertWithin(Refund refund, Money paymentAmount);

  /** Optimistic update, as {@link PaymentStore#update}. */
  boolean update(Refund updated, long expectedVersion);

  Optional<Refund> findById(RefundId id);

  Optional<Refund> findByProviderRefundId(String providerRefundId);

  Optional<Refund> findByIdempotencyKey(IdempotencyKey key);

  /** The refunds of a payment, oldest first. */
  List<Refund> findByPaymentId(PaymentId paymentId);

  /** Refunds in one of {@code states} last updated before {@code updatedBefore}, oldest first. */
  List<Refund> findStale(Set<RefundState> states, Instant updatedBefore, int limit);
}
