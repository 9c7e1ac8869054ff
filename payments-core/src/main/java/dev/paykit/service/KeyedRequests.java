package dev.paykit.service;

import dev.paykit.domain.idempotency.IdempotencyDecision;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.idempotency.IdempotencyRecord;
import dev.paykit.domain.idempotency.IdempotencyRules;
import dev.paykit.domain.idempotency.IdempotencyScope;
import dev.paykit.port.in.IdempotencyKeyReusedException;
import dev.paykit.port.in.RequestInProgressException;
import dev.paykit.port.out.IdempotencyStore;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.Stores;
import dev.paykit.port.out.UnitOfWork;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The one idempotency protocol, for every keyed request: payments, refunds and whatever comes next.
 *
 * <p>{@link #begin} reserves the key for the request and, in the same phase, makes the request's
 * first writes (the payment, the refund), so that a key is never reserved without its work recorded
 * nor the work recorded without its key; if the first writes fail, the reservation is undone with
 * them. A key already there is decided by {@link IdempotencyRules}: the same request completed
 * before is replayed, a different one is refused, one whose holder stopped before settling is taken
 * over, one still held is in progress.
 *
 * <p>{@link #settle} ends the holder's work, inside the phase that records the outcome: completed
 * when the provider gave a definitive answer, released otherwise, so that the next request with the
 * key (or the reconciler) takes over at once and sends again with the same key.
 */
final class KeyedRequests {

  /** How a keyed request begins, when it may go on. */
  sealed interface Start {
    /** The key is this request's now, until {@code lockedUntil}, and its first writes are made. */
    record Fresh(String ref, Instant lockedUntil) implements Start {}

    /** The same request completed before: answer what it produced ({@code ref}). */
    record Replay(String ref) implements Start {}

    /** An earlier holder stopped before settling: this request finishes its work ({@code ref}). */
    record Resume(String ref) implements Start {}
  }

  private sealed interface Decided {
    record Go(Start start) implements Decided {}

    record Conflict() implements Decided {}

    record Busy() implements Decided {}
  }

  private final IdempotencyStore keys;
  private final UnitOfWork unitOfWork;
  private final PaykitObserver observer;
  private final PaykitSettings settings;
  private final Clock clock;

  @Inject
  KeyedRequests(Stores stores, PaykitObserver observer, PaykitSettings settings, Clock clock) {
    this.keys = stores.idempotencyKeys();
    this.unitOfWork = stores.unitOfWork();
    this.observer = observer;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Begins {@code request}: reserves its key for {@code ref} and runs {@code firstWrites} in the
   * same phase. Whatever {@code firstWrites} throws undoes the reservation and propagates.
   *
   * @throws IdempotencyKeyReusedException if the key was used for a different request
   * @throws RequestInProgressException if another request holds the key right now
   */
  Start begin(KeyedRequest request, String ref, Runnable firstWrites) {
    Instant now = clock.instant();
    IdempotencyRecord reservation =
        IdempotencyRecord.reserve(
            request.scope(),
            request.key(),
            request.fingerprint(),
            ref,
            now,
            settings.idempotencyLock(),
            settings.idempotencyRetention());
    Decided decided =
        unitOfWork.atomically(
            () -> {
              IdempotencyStore.Reservation reserved = keys.reserve(reservation, now);
              if (reserved instanceof IdempotencyStore.Reservation.Reserved) {
                firstWrites.run();
                return new Decided.Go(new Start.Fresh(ref, reservation.lockedUntil()));
              }
              IdempotencyRecord stored =
                  ((IdempotencyStore.Reservation.Existing) reserved).stored();
              return decide(request, stored, now);
            });
    if (decided instanceof Decided.Conflict) {
      observer.on(new PaykitEvent.IdempotencyConflict(now, request.scope().value()));
      throw new IdempotencyKeyReusedException(request.operation());
    }
    if (decided instanceof Decided.Busy) {
      throw new RequestInProgressException(request.operation());
    }
    Start start = ((Decided.Go) decided).start();
    if (start instanceof Start.Replay replay) {
      observer.on(new PaykitEvent.IdempotentReplay(now, request.scope().value(), replay.ref()));
    }
    return start;
  }

  private Decided decide(KeyedRequest request, IdempotencyRecord stored, Instant now) {
    IdempotencyDecision decision =
        IdempotencyRules.decide(Optional.of(stored), request.fingerprint(), now);
    if (decision instanceof IdempotencyDecision.Conflict) {
      return new Decided.Conflict();
    }
    if (decision instanceof IdempotencyDecision.Replay replay) {
      return new Decided.Go(new Start.Replay(replay.stored().resultRef()));
    }
    if (decision instanceof IdempotencyDecision.Recover
        && keys.takeOver(
            request.scope(), request.key(), now, now.plus(settings.idempotencyLock()))) {
      return new Decided.Go(new Start.Resume(stored.resultRef()));
    }
    // In progress, a take-over lost to another request, or a record that expired between the
    // reservation and the decision: the caller tries again later with the same key.
    return new Decided.Busy();
  }

  /** Whether a request holds the key right now: reserved, not settled, its lock not run out. */
  boolean held(IdempotencyScope scope, IdempotencyKey key) {
    Instant now = clock.instant();
    return keys.find(scope, key)
        .filter(stored -> stored.status() == IdempotencyRecord.Status.IN_PROGRESS)
        .filter(stored -> stored.lockedUntil().isAfter(now))
        .isPresent();
  }

  /**
   * Whether the key is still held by the request that reserved it with the lock {@code
   * lockedUntil}: {@link #held}, and locked no later than that, since a take-over locks it anew
   * from after the old lock ran out. Stores may keep the time truncated, never later.
   */
  boolean stillHeldBy(IdempotencyScope scope, IdempotencyKey key, Instant lockedUntil) {
    return held(scope, key)
        && keys.find(scope, key)
            .filter(stored -> !stored.lockedUntil().isAfter(lockedUntil))
            .isPresent();
  }

  /**
   * Settles the key, in the caller's phase: completed with {@code ref} when the answer was
   * definitive, released otherwise.
   */
  void settle(IdempotencyScope scope, IdempotencyKey key, String ref, boolean definitive) {
    if (definitive) {
      keys.complete(scope, key, ref);
    } else {
      keys.release(scope, key, clock.instant());
    }
  }
}
