package dev.paykit.adapter.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Instants to and from {@code TIMESTAMP WITH TIME ZONE} columns. PostgreSQL keeps microseconds, so
 * instants are stored truncated to whole microseconds. A query bound compares stored values with an
 * instant that may be finer: {@code column < t} and {@code column >= t} hold exactly when they hold
 * for {@link #ceil} of {@code t}, {@code column <= t} and {@code column > t} for {@link #floor}.
 *
 * <p>Bound as {@link OffsetDateTime} in UTC, never as {@link java.sql.Timestamp}, whose conversion
 * goes through the JVM's default time zone.
 */
final class Timestamps {
  private Timestamps() {}

  /**
   * A value for a {@code TIMESTAMP WITH TIME ZONE} parameter, null for SQL NULL. A type of its own,
   * so that {@link Sql} binds even a null with the column's type, which PostgreSQL needs.
   */
  record Bound(OffsetDateTime value) {}

  /** What the database keeps of {@code instant}. */
  static Instant stored(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
  }

  /** A value to store, or a bound for {@code <=} and {@code >}; null binds SQL NULL. */
  static Bound floor(Instant instant) {
    return bind(stored(instant));
  }

  /** A bound for {@code <} and {@code >=}. */
  static Bound ceil(Instant instant) {
    Instant down = stored(instant);
    return bind(down.equals(instant) ? down : down.plus(1, ChronoUnit.MICROS));
  }

  static Instant read(ResultSet row, String column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static Instant read(ResultSet row, int column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static Bound bind(Instant instant) {
    return new Bound(instant == null ? null : instant.atOffset(ZoneOffset.UTC));
  }
}
