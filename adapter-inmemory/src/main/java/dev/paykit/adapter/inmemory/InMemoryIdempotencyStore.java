package dev.paykit.adapter.inmemory;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.idempotency.IdempotencyRecord;
import dev.paykit.domain.idempotency.IdempotencyScope;
import dev.paykit.port.out.IdempotencyStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Idempotency records in memory, under their family's lock: each operation reads and writes a key
 * as one step, so of concurrent callers on one key exactly one sees each state.
 */
final class InMemoryIdempotencyStore implements IdempotencyStore {
  private record Slot(IdempotencyScope scope, IdempotencyKey key) {}

  private final InMemoryUnitOfWork unit;
  private final Map<Slot, IdempotencyRecord> records = new HashMap<>();

  InMemoryIdempotencyStore(InMemoryUnitOfWork unit) {
    this.unit = unit;
  }

  @Override
  public Reservation reserve(IdempotencyRecord record, Instant now) {
    return unit.call(
        () -> {
          Slot slot = new Slot(record.scope(), record.key());
          IdempotencyRecord stored = records.get(slot);
          if (stored != null && !stored.isExpired(now)) {
            return new Reservation.Existing(stored);
          }
          replace(slot, stored, record);
          return new Reservation.Reserved(record);
        });
  }

  @Override
  public Optional<IdempotencyRecord> find(IdempotencyScope scope, IdempotencyKey key) {
    return unit.call(() -> Optional.ofNullable(records.get(new Slot(scope, key))));
  }

  @Override
  public boolean takeOver(
      IdempotencyScope scope, IdempotencyKey key, Instant now, Instant lockedUntil) {
    return unit.call(
        () -> {
          Slot slot = new Slot(scope, key);
          IdempotencyRecord stored = records.get(slot);
          if (stored == null
              || stored.status() != IdempotencyRecord.Status.IN_PROGRESS
              || now.isBefore(stored.lockedUntil())) {
            return false;
          }
          replace(slot, stored, withLock(stored, lockedUntil));
          return true;
        });
  }

  @Override
  public void release(IdempotencyScope scope, IdempotencyKey key, Instant now) {
    unit.call(
        () -> {
          Slot slot = new Slot(scope, key);
          IdempotencyRecord stored = records.get(slot);
          if (stored != null
              && stored.status() == IdempotencyRecord.Status.IN_PROGRESS
              && now.isBefore(stored.lockedUntil())) {
            replace(slot, stored, withLock(stored, now));
          }
          return null;
        });
  }

  @Override
  public boolean complete(IdempotencyScope scope, IdempotencyKey key, String resultRef) {
    return unit.call(
        () -> {
          Slot slot = new Slot(scope, key);
          IdempotencyRecord stored = records.get(slot);
          if (stored == null || stored.status() != IdempotencyRecord.Status.IN_PROGRESS) {
            return false;
          }
          replace(slot, stored, stored.complete(resultRef));
          return true;
        });
  }

  @Override
  public int purgeExpired(Instant now) {
    return unit.call(
        () -> {
          int purged = 0;
          Iterator<Map.Entry<Slot, IdempotencyRecord>> entries = records.entrySet().iterator();
          while (entries.hasNext()) {
            Map.Entry<Slot, IdempotencyRecord> entry = entries.next();
            if (entry.getValue().expiresAt().isBefore(now)) {
              entries.remove();
              Slot slot = entry.getKey();
              IdempotencyRecord gone = entry.getValue();
              unit.undoing(() -> records.put(slot, gone));
              purged++;
            }
          }
          return purged;
        });
  }

  /** Puts {@code next} where {@code stored} (null: nothing) was, undoably. */
  private void replace(Slot slot, IdempotencyRecord stored, IdempotencyRecord next) {
    records.put(slot, next);
    unit.undoing(
        () -> {
          if (stored == null) {
            records.remove(slot);
          } else {
            records.put(slot, stored);
          }
        });
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
