package dev.paykit.port.out;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.idempotency.IdempotencyRecord;
import dev.paykit.domain.idempotency.IdempotencyScope;
import java.time.Instant;
import java.util.Optional;

/**
 * Idempotency keys and what they stand for. Each operation is atomic on its own: of many concurrent
 * {@link #reserve} calls for one key, across threads and processes, exactly one wins.
 */
public interface IdempotencyStore {

  /** The outcome of {@link #reserve}. */
  sealed interface Reservation {
    /** This call reserved the key; {@code record} is now stored. */
    record Reserved(IdempotencyRecord record) implements Reservation {}

    /** A live record for the key was there already; it is returned unchanged. */
    record Existing(IdempotencyRecord stored) implements Reservation {}
  }

  /**
   * Stores {@code record} unless a live record exists for its scope and key. An expired record
   * ({@code expiresAt <= now}) is replaced as if absent.
   */
  Reservation reserve(IdempotencyRecord record, Instant now);

  Optional<IdempotencyRecord> find(IdempotencyScope scope, IdempotencyKey key);

  /**
   * Takes over an abandoned reservation: if the record is {@code IN_PROGRESS} and its lock ran out
   * ({@code lockedUntil <= now}), locks it until {@code lockedUntil}. Of concurrent callers, at
   * most one gets true.
   */
  boolean takeOver(IdempotencyScope scope, IdempotencyKey key, Instant now, Instant lockedUntil);

  /**
   * Ends the holder's lock early without completing ({@code lockedUntil = now}), so that the next
   * request with the key recovers the work at once instead of waiting for the lock to run out.
   */
  void release(IdempotencyScope scope, IdempotencyKey key, Instant now);

  /** Marks an {@code IN_PROGRESS} record {@code COMPLETED} with its result; false if it was not. */
  boolean complete(IdempotencyScope scope, IdempotencyKey key, String resultRef);

  /** Deletes records that expired before {@code now}; returns how many. */
  int purgeExpired(Instant now);
}
