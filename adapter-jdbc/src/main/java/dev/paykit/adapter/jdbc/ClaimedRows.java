package dev.paykit.adapter.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The settlements of the claim protocol the webhook inbox and the outbox share, for a table that
 * has {@code status}, {@code attempts}, {@code next_attempt_at}, {@code claim_token}, {@code
 * claimed_until}, {@code last_error} and {@code dead_at}, and the backlog they count. Every
 * settlement of a claimed row names its token, so that a claim that was taken over settles nothing;
 * the statements differ between the two tables only in their names, which is why they are written
 * once, here.
 */
final class ClaimedRows {
  private final Jdbi jdbi;
  private final String table;
  private final String heldByClaim;
  private final String buryById;

  /** A row to send to the dead letters: its key's values, and the error to record. */
  record Buried(List<?> key, String error) {}

  /**
   * @param keyColumns the columns of the table's key, in the order every {@code key} gives their
   *     values
   * @param claimedStatus the status a claimed row has
   */
  ClaimedRows(Jdbi jdbi, String table, List<String> keyColumns, String claimedStatus) {
    this.jdbi = jdbi;
    this.table = table;
    String byKey = String.join(" and ", keyColumns.stream().map(c -> c + " = ?").toList());
    this.heldByClaim =
        " where " + byKey + " and status = '" + claimedStatus + "' and claim_token = ?";
    this.buryById =
        "update "
            + table
            + " set status = 'DEAD', dead_at = ?, last_error = ?,"
            + " claim_token = null, claimed_until = null where "
            + byKey;
  }

  /** Ends the claim with {@code status} and the {@code assignments} (before the claim's own). */
  boolean settle(List<?> key, String token, String status, String assignments, Object... values) {
    if (token == null) {
      return false;
    }
    Object[] all = Arrays.copyOf(values, values.length + key.size() + 1);
    for (int i = 0; i < key.size(); i++) {
      all[values.length + i] = key.get(i);
    }
    all[all.length - 1] = token;
    String sql =
        "update "
            + table
            + " set status = '"
            + status
            + "', "
            + assignments
            + (assignments.isEmpty() ? "" : ", ")
            + "claim_token = null, claimed_until = null"
            + heldByClaim;
    return jdbi.withHandle(handle -> Sql.update(handle, sql, all)) == 1;
  }

  /** Back to pending, due at {@code nextAttemptAt}, with the error of the attempt. */
  boolean failed(List<?> key, String token, Timestamps.Bound nextAttemptAt, String error) {
    return settle(
        key, token, "PENDING", "next_attempt_at = ?, last_error = ?", nextAttemptAt, error);
  }

  /** To the dead letters, with the error of the last attempt. */
  boolean dead(List<?> key, String token, Timestamps.Bound at, String error) {
    return settle(key, token, "DEAD", "dead_at = ?, last_error = ?", at, error);
  }

  /** Back to pending as before the claim: its attempt undone, due when it was. */
  boolean released(List<?> key, String token) {
    return settle(key, token, "PENDING", "attempts = attempts - 1");
  }

  /**
   * What waits: rows neither settled for good nor dead, dead rows, the age of the oldest waiting.
   */
  record Waiting(long waiting, long dead, Duration oldestAge) {}

  /**
   * One pass over the rows not {@code settledStatus}: the settled ones, most of the table, are not
   * read. A row's age runs from its {@code sinceColumn}.
   */
  Waiting waiting(Instant now, String settledStatus, String sinceColumn) {
    Objects.requireNonNull(now, "now");
    String sql =
        "select count(case when status <> 'DEAD' then 1 end),"
            + " count(case when status = 'DEAD' then 1 end),"
            + " min(case when status <> 'DEAD' then "
            + sinceColumn
            + " end) from "
            + table
            + " where status <> '"
            + settledStatus
            + "'";
    return jdbi.withHandle(
        handle ->
            Sql.first(
                    handle,
                    sql,
                    row -> {
                      Instant oldest = Timestamps.read(row, 3);
                      Duration age =
                          oldest == null || oldest.isAfter(now)
                              ? Duration.ZERO
                              : Duration.between(oldest, now);
                      return new Waiting(row.getLong(1), row.getLong(2), age);
                    })
                .orElseThrow());
  }

  /** Sends rows whose attempts are used up to the dead letters, under the claim's locks. */
  void bury(Handle handle, List<Buried> rows, Timestamps.Bound at) {
    Sql.batch(
        handle,
        buryById,
        rows.stream()
            .map(
                row -> {
                  List<Object> values = new ArrayList<>();
                  values.add(at);
                  values.add(row.error());
                  values.addAll(row.key());
                  return values.toArray();
                })
            .toList());
  }
}
