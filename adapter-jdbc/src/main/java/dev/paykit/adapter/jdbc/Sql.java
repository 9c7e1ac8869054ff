package dev.paykit.adapter.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * How the stores run their statements: as plain prepared statements with positional parameters on
 * the connection of a JDBI handle. JDBI keeps what it is good at here, the handle a unit of work
 * shares across store calls and its transaction; a JDBI statement per call would add a copy of the
 * configuration, a parse of named parameters and a look-up of an argument factory for every value,
 * which on the stores' one-row statements cost more than the round trip (the profile of issue 14).
 *
 * <p>A failure is a {@link UnableToExecuteStatementException} whose message, like {@link
 * StoreJdbi}'s, names what failed and never the statement or its values; it has no statement
 * context, so the statement is not kept on it either. The driver's exception is its cause.
 *
 * <p>Values are bound by type: {@link String}, {@link Long}, {@link Integer}, {@link
 * Timestamps.Bound}; a bare null is a null text.
 */
final class Sql {
  private Sql() {}

  /** Reads the current row of a result. */
  @FunctionalInterface
  interface Row<T> {
    T read(ResultSet row) throws SQLException;
  }

  /** Runs an insert, update or delete; returns how many rows it changed. */
  static int update(Handle handle, String sql, Object... values) {
    try (PreparedStatement statement = prepare(handle.getConnection(), sql, values)) {
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /**
   * Runs an update of at most one row and returns {@code column} of the row as it changed it, if it
   * changed one: in the same round trip, as {@code RETURNING} on PostgreSQL and as generated keys
   * on H2, which both drivers make of the column's name.
   */
  static <T> Optional<T> updateReturning(
      Handle handle, String sql, String column, Row<T> row, Object... values) {
    try (PreparedStatement statement =
        handle.getConnection().prepareStatement(sql, new String[] {column})) {
      bind(statement, values);
      if (statement.executeUpdate() == 0) {
        return Optional.empty();
      }
      try (ResultSet changed = statement.getGeneratedKeys()) {
        if (!changed.next()) {
          throw new IllegalStateException("the database changed a row and returned none of it");
        }
        return Optional.of(row.read(changed));
      }
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /** Runs {@code sql} once for each list of values, in one batch; returns the rows changed each. */
  static int[] batch(Handle handle, String sql, List<Object[]> rows) {
    try (PreparedStatement statement = handle.getConnection().prepareStatement(sql)) {
      for (Object[] values : rows) {
        bind(statement, values);
        statement.addBatch();
      }
      return statement.executeBatch();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /** Every row of a query's result. */
  static <T> List<T> list(Handle handle, String sql, Row<T> row, Object... values) {
    try (PreparedStatement statement = prepare(handle.getConnection(), sql, values);
        ResultSet result = statement.executeQuery()) {
      List<T> rows = new ArrayList<>();
      while (result.next()) {
        rows.add(row.read(result));
      }
      return rows;
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /** The first row of a query's result, if it has one. */
  static <T> Optional<T> first(Handle handle, String sql, Row<T> row, Object... values) {
    try (PreparedStatement statement = prepare(handle.getConnection(), sql, values);
        ResultSet result = statement.executeQuery()) {
      return result.next() ? Optional.of(row.read(result)) : Optional.empty();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /** {@code count} parameters separated by commas, for an {@code IN} list. */
  static String parameters(int count) {
    StringBuilder list = new StringBuilder(count * 3);
    for (int i = 0; i < count; i++) {
      list.append(i == 0 ? "?" : ", ?");
    }
    return list.toString();
  }

  private static PreparedStatement prepare(Connection connection, String sql, Object[] values)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      bind(statement, values);
      return statement;
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  private static void bind(PreparedStatement statement, Object[] values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      int position = i + 1;
      Object value = values[i];
      if (value == null) {
        statement.setNull(position, Types.VARCHAR);
      } else if (value instanceof String text) {
        statement.setString(position, text);
      } else if (value instanceof Long number) {
        statement.setLong(position, number);
      } else if (value instanceof Integer number) {
        statement.setInt(position, number);
      } else if (value instanceof Boolean flag) {
        statement.setBoolean(position, flag);
      } else if (value instanceof Timestamps.Bound time) {
        if (time.value() == null) {
          statement.setNull(position, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
          statement.setObject(position, time.value(), Types.TIMESTAMP_WITH_TIMEZONE);
        }
      } else {
        // A programming error, named by type only: the value itself may be anything.
        throw new IllegalArgumentException(
            "no binding for a " + value.getClass().getName() + " at parameter " + position);
      }
    }
  }

  private static UnableToExecuteStatementException failed(SQLException e) {
    return new UnableToExecuteStatementException(StoreJdbi.withheld(e), e, null);
  }
}
