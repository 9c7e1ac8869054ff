package dev.paykit.port.out;

import dev.paykit.domain.subscription.Subscription;
import dev.paykit.domain.subscription.SubscriptionHistoryEntry;
import dev.paykit.domain.subscription.SubscriptionId;
import dev.paykit.domain.subscription.SubscriptionState;
import dev.paykit.domain.subscription.SubscriptionStep;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where subscriptions and their timelines live. Safe for concurrent use, also from several
 * processes on one database. {@code payments-testkit}'s {@code SubscriptionStoreContract} is the
 * executable form of this contract.
 */
public interface SubscriptionStore {

  /**
   * Stores a new subscription and its first history entry.
   *
   * @throws StoreConflictException {@code DUPLICATE_ID} if a subscription with its id is stored
   */
  void insert(Subscription subscription);

  /**
   * Writes a step if the stored subscription is still at {@code expectedVersion}: the subscription
   * as the step left it, and its entry appended to the timeline. False, writing nothing, otherwise.
   */
  boolean write(SubscriptionStep step, long expectedVersion);

  Optional<Subscription> findById(SubscriptionId id);

  /** The subscription's timeline, oldest first; empty if there is no such subscription. */
  List<SubscriptionHistoryEntry> history(SubscriptionId id);

  /**
   * Claims up to {@code limit} subscriptions whose {@link Subscription#wakeAt()} is at or before
   * {@code now} and that no other claim holds, soonest first, for {@code claimFor}: until then no
   * other call returns them, whichever instance asks (the JDBC store takes them with {@code FOR
   * UPDATE SKIP LOCKED}). A claim only spreads the work; writes stay optimistic, so a claim that
   * expired while its holder still works is safe.
   */
  List<Subscription> claimDue(Instant now, Duration claimFor, int limit);

  /** How many subscriptions are in each state: what the subscription gauges show. */
  Map<SubscriptionState, Long> countByState();
}
