package dev.paykit.adapter.jdbc;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Reads which unique constraint a failed write ran into. Both databases report SQLState 23505;
 * PostgreSQL names the constraint in a field of its own, H2 first in its message ({@code "public.
 * payments_pk INDEX ..."}), ahead of the values, so a value cannot pass for a constraint's name.
 */
final class UniqueViolation {
  private static final String SQL_STATE = "23505";

  private UniqueViolation() {}

  /** The name of the constraint that {@code failure}'s unique violation names, lower case. */
  static Optional<String> constraint(Throwable failure) {
    return find(failure).map(UniqueViolation::nameOf);
  }

  private static Optional<SQLException> find(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException) {
        // A batch reports the statement's own failure as the next exception.
        for (SQLException e = (SQLException) cause; e != null; e = e.getNextException()) {
          if (SQL_STATE.equals(e.getSQLState())) {
            return Optional.of(e);
          }
        }
      }
    }
    return Optional.empty();
  }

  private static String nameOf(SQLException violation) {
    // Checked by name first: the PostgreSQL driver is optional, and an H2-only application has
    // none.
    if (violation.getClass().getName().startsWith("org.postgresql.")) {
      Optional<String> named = PostgresField.constraint(violation);
      if (named.isPresent()) {
        return named.get();
      }
    }
    String message = String.valueOf(violation.getMessage());
    int open = message.indexOf('"');
    if (open < 0) {
      return "";
    }
    int end = open + 1;
    while (end < message.length() && message.charAt(end) != '"' && message.charAt(end) != ' ') {
      end++;
    }
    String qualified = message.substring(open + 1, end);
    return qualified.substring(qualified.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
  }

  /** Touched only when the driver is loaded, so that this class's references to it resolve. */
  private static final class PostgresField {
    static Optional<String> constraint(SQLException violation) {
      if (violation instanceof PSQLException psql) {
        ServerErrorMessage server = psql.getServerErrorMessage();
        if (server != null) {
          return Optional.ofNullable(server.getConstraint());
        }
      }
      return Optional.empty();
    }
  }
}
