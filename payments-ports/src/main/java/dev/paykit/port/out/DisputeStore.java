package dev.paykit.port.out;

import dev.paykit.domain.dispute.Dispute;
import dev.paykit.domain.dispute.DisputeHistoryEntry;
import dev.paykit.domain.dispute.DisputeId;
import dev.paykit.domain.dispute.DisputeReason;
import dev.paykit.domain.dispute.DisputeState;
import dev.paykit.domain.dispute.DisputeStep;
import dev.paykit.domain.payment.PaymentId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where disputes and their timelines live. Safe for concurrent use, also from several processes on
 * one database. {@code payments-testkit}'s {@code DisputeStoreContract} is the executable form of
 * this contract.
 */
public interface DisputeStore {

  /**
   * Stores a new dispute and its first history entry.
   *
   * @throws StoreConflictException {@code DUPLICATE_ID} if a dispute with its id is stored
   */
  void insert(Dispute dispute);

  /**
   * Writes a step if the stored dispute is still at {@code expectedVersion}: the dispute as the
   * step left it, and its entry appended to the timeline. False, writing nothing, otherwise.
   */
  boolean write(DisputeStep step, long expectedVersion);

  Optional<Dispute> findById(DisputeId id);

  /** The disputes of a payment, oldest first. */
  List<Dispute> findByPaymentId(PaymentId paymentId);

  /** The dispute's timeline, oldest first; empty if there is no such dispute. */
  List<DisputeHistoryEntry> history(DisputeId id);

  /**
   * Disputes in one of {@code states} with no news since before {@code quietBefore}, oldest first.
   */
  List<Dispute> findStale(Set<DisputeState> states, Instant quietBefore, int limit);

  /**
   * Disputes that still need a response, with no evidence sent and no reminder raised, whose
   * evidence is due by {@code dueBy}: the candidates for the deadline reminder, soonest first.
   */
  List<Dispute> findReminderDue(Instant dueBy, int limit);

  /**
   * Notes that the provider was asked about the dispute at {@code at} and said nothing new; the
   * version stays. False if there is no such dispute.
   */
  boolean recordLookUp(DisputeId id, Instant at);

  /** How many disputes are in each state and of each reason: what the dispute gauges show. */
  Map<DisputeState, Map<DisputeReason, Long>> countByStateAndReason();
}
