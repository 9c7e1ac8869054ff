package dev.paykit.adapter.jdbc;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.idempotency.IdempotencyRecord;
import dev.paykit.domain.idempotency.IdempotencyScope;
import dev.paykit.domain.idempotency.RequestFingerprint;
import dev.paykit.port.out.IdempotencyStore;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Idempotency keys in {@code idempotency_keys}, keyed by (scope, key). Every write is one statement
 * whose condition the database checks under the row's lock, so of concurrent callers (threads or
 * app instances) exactly one wins: the primary key decides {@link #reserve}, the {@code WHERE}
 * clause decides {@link #takeOver} and {@link #complete}. None relies on a failed statement, so
 * each can take part in a {@link JdbiUnitOfWork} phase.
 */
public final class JdbiIdempotencyStore implements IdempotencyStore {

  private static final String COLUMNS =
      "scope, idem_key, fingerprint, state, result_ref, locked_until, expires_at, created_at";

  private final Jdbi jdbi;

  @Inject
  public JdbiIdempotencyStore(Jdbi jdbi) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
  }

  @Override
  public Reservation reserve(IdempotencyRecord record, Instant now) {
    IdempotencyRecord stored = stored(record);
    return jdbi.withHandle(
        handle -> {
          // Repeats only if the live record seen by the insert was purged before it could be
          // read: then the key is free again and the next round reserves or reads it.
          while (true) {
            if (insertIfAbsent(handle, stored) || replaceExpired(handle, stored, now)) {
              return new Reservation.Reserved(stored);
            }
            Optional<IdempotencyRecord> existing = find(handle, record.scope(), record.key());
            if (existing.isPresent()) {
              return new Reservation.Existing(existing.get());
            }
          }
        });
  }

  @Override
  public Optional<IdempotencyRecord> find(IdempotencyScope scope, IdempotencyKey key) {
    return jdbi.withHandle(handle -> find(handle, scope, key));
  }

  @Override
  public boolean takeOver(
      IdempotencyScope scope, IdempotencyKey key, Instant now, Instant lockedUntil) {
    return jdbi.withHandle(
            handle ->
                Sql.update(
                    handle,
                    "update idempotency_keys set locked_until = ?"
                        + " where scope = ? and idem_key = ?"
                        + " and state = 'IN_PROGRESS' and locked_until <= ?",
                    Timestamps.floor(lockedUntil),
                    scope.value(),
                    key.value(),
                    Timestamps.floor(now)))
        == 1;
  }

  @Override
  public void release(IdempotencyScope scope, IdempotencyKey key, Instant now) {
    Timestamps.Bound at = Timestamps.floor(now);
    jdbi.useHandle(
        handle ->
            Sql.update(
                handle,
                "update idempotency_keys set locked_until = ?"
                    + " where scope = ? and idem_key = ?"
                    + " and state = 'IN_PROGRESS' and locked_until > ?",
                at,
                scope.value(),
                key.value(),
                at));
  }

  @Override
  public boolean complete(IdempotencyScope scope, IdempotencyKey key, String resultRef) {
    Objects.requireNonNull(resultRef, "resultRef");
    return jdbi.withHandle(
            handle ->
                Sql.update(
                    handle,
                    "update idempotency_keys set state = 'COMPLETED', result_ref = ?"
                        + " where scope = ? and idem_key = ? and state = 'IN_PROGRESS'",
                    resultRef,
                    scope.value(),
                    key.value()))
        == 1;
  }

  @Override
  public int purgeExpired(Instant now) {
    // Expired as IdempotencyRecord.isExpired has it: expiresAt <= now.
    return jdbi.withHandle(
        handle ->
            Sql.update(
                handle,
                "delete from idempotency_keys where expires_at <= ?",
                Timestamps.floor(now)));
  }

  private static boolean insertIfAbsent(Handle handle, IdempotencyRecord record) {
    return Sql.update(
            handle,
            "insert into idempotency_keys ("
                + COLUMNS
                + ") values ("
                + Sql.parameters(8)
                + ") on conflict do nothing",
            record.scope().value(),
            record.key().value(),
            record.fingerprint().sha256Hex(),
            record.status().name(),
            record.resultRef(),
            Timestamps.floor(record.lockedUntil()),
            Timestamps.floor(record.expiresAt()),
            Timestamps.floor(record.createdAt()))
        == 1;
  }

  /** Overwrites the record for the key if it has expired, as if it were absent. */
  private static boolean replaceExpired(Handle handle, IdempotencyRecord record, Instant now) {
    return Sql.update(
            handle,
            "update idempotency_keys set fingerprint = ?, state = ?, result_ref = ?,"
                + " locked_until = ?, expires_at = ?, created_at = ?"
                + " where scope = ? and idem_key = ? and expires_at <= ?",
            record.fingerprint().sha256Hex(),
            record.status().name(),
            record.resultRef(),
            Timestamps.floor(record.lockedUntil()),
            Timestamps.floor(record.expiresAt()),
            Timestamps.floor(record.createdAt()),
            record.scope().value(),
            record.key().value(),
            Timestamps.floor(now))
        == 1;
  }

  private static Optional<IdempotencyRecord> find(
      Handle handle, IdempotencyScope scope, IdempotencyKey key) {
    return Sql.first(
        handle,
        "select " + COLUMNS + " from idempotency_keys where scope = ? and idem_key = ?",
        JdbiIdempotencyStore::record,
        scope.value(),
        key.value());
  }

  private static IdempotencyRecord record(ResultSet row) throws SQLException {
    return new IdempotencyRecord(
        new IdempotencyScope(row.getString("scope")),
        IdempotencyKey.of(row.getString("idem_key")),
        new RequestFingerprint(row.getString("fingerprint")),
        IdempotencyRecord.Status.valueOf(row.getString("state")),
        row.getString("result_ref"),
        Timestamps.read(row, "locked_until"),
        Timestamps.read(row, "expires_at"),
        Timestamps.read(row, "created_at"));
  }

  private static IdempotencyRecord stored(IdempotencyRecord record) {
    return new IdempotencyRecord(
        record.scope(),
        record.key(),
        record.fingerprint(),
        record.status(),
        record.resultRef(),
        Timestamps.stored(record.lockedUntil()),
        Timestamps.stored(record.expiresAt()),
        Timestamps.stored(record.createdAt()));
  }
}
