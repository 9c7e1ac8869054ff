package dev.paykit.adapter.inmemory;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.idempotency.IdempotencyRecord;
import dev.paykit.domain.idempotency.IdempotencyScope;
import dev.paykit.port.out.IdempotencyStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Idempotency records in memory. Every operation on a key is one atomic {@code compute} of a {@link
 * ConcurrentHashMap}, so of concurrent callers on one key exactly one sees each state.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
  private record Slot(IdempotencyScope scope, IdempotencyKey key) {}

  private final Map<Slot, IdempotencyRecord> records = new ConcurrentHashMap<>();

  @Override
  public Reservation reserve(IdempotencyRecord record, Instant now) {
    AtomicReference<Reservation> outcome = new AtomicReference<>();
    records.compute(
        new Slot(record.scope(), record.key()),
        (slot, stored) -> {
          if (stored != null && !stored.isExpired(now)) {
            outcome.set(new Reservation.Existing(stored));
            return stored;
          }
          outcome.set(new Reservation.Reserved(record));
          return record;
        });
    return outcome.get();
  }

  @Override
  public Optional<IdempotencyRecord> find(IdempotencyScope scope, IdempotencyKey key) {
    return Optional.ofNullable(records.get(new Slot(scope, key)));
  }

  @Override
  public boolean takeOver(
      IdempotencyScope scope, IdempotencyKey key, Instant now, Instant lockedUntil) {
    AtomicBoolean taken = new AtomicBoolean();
    records.computeIfPresent(
        new Slot(scope, key),
        (slot, stored) -> {
          if (stored.status() != IdempotencyRecord.Status.IN_PROGRESS
              || now.isBefore(stored.lockedUntil())) {
            return stored;
          }
          taken.set(true);
          return withLock(stored, lockedUntil);
        });
    return taken.get();
  }

  @Override
  public void release(IdempotencyScope scope, IdempotencyKey key, Instant now) {
    records.computeIfPresent(
        new Slot(scope, key),
        (slot, stored) ->
            stored.status() == IdempotencyRecord.Status.IN_PROGRESS
                    && now.isBefore(stored.lockedUntil())
                ? withLock(stored, now)
                : stored);
  }

  @Override
  public boolean complete(IdempotencyScope scope, IdempotencyKey key, String resultRef) {
    AtomicBoolean completed = new AtomicBoolean();
    records.computeIfPresent(
        new Slot(scope, key),
        (slot, stored) -> {
          if (stored.status() != IdempotencyRecord.Status.IN_PROGRESS) {
            return stored;
          }
          completed.set(true);
          return stored.complete(resultRef);
        });
    return completed.get();
  }

  @Override
  public int purgeExpired(Instant now) {
    int purged = 0;
    for (Map.Entry<Slot, IdempotencyRecord> entry : records.entrySet()) {
      // Removes only the record looked at: one reserved since then is live and stays.
      if (entry.getValue().expiresAt().isBefore(now)
          && records.remove(entry.getKey(), entry.getValue())) {
        purged++;
      }
    }
    return purged;
  }

  private static IdempotencyRecord withLock(IdempotencyRecord record, Instant lockedUntil) {
    return new IdempotencyRecord(
        record.scope(),
        record.key(),
        record.fingerprint(),
        record.status(),
        record.resultRef(),
        lockedUntil,
        record.expiresAt(),
        record.createdAt());
  }
}
