package dev.paykit.adapter.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;

/**
 * The one way the adapter builds a {@link Jdbi}: on Paykit's schema, and with statement failures
 * that never quote the statement or its bound values. JDBI's default message carries both, so a
 * failed insert would put a payment's metadata or a webhook's payload into every log line and every
 * recorded error that shows the exception; here it says only what failed, by SQLState, error code
 * and, for a unique violation, the constraint's name. The statement stays on the exception's
 * context for a debugger.
 */
final class StoreJdbi {
  private StoreJdbi() {}

  /**
   * A JDBI over {@code dataSource} that works in {@code schema}: directly when the connections'
   * current schema is that one, else moving each connection to it while Paykit holds it.
   */
  static Jdbi create(DataSource dataSource, String schema) {
    String home = SchemaName.current(dataSource);
    Jdbi jdbi =
        home.equals(schema)
            ? Jdbi.create(dataSource)
            : Jdbi.create(new InSchema(dataSource, schema, home));
    jdbi.getConfig(StatementExceptions.class)
        .setMessageRendering(failure -> withheld(failure.getCause()));
    return jdbi;
  }

  /** The message of a failed statement whose failure is {@code cause}. */
  static String withheld(Throwable cause) {
    StringBuilder message = new StringBuilder("a statement on Paykit's tables failed");
    if (cause instanceof SQLException sql) {
      message
          .append(": ")
          .append(sql.getClass().getSimpleName())
          .append(", SQLState ")
          .append(sql.getSQLState())
          .append(", error code ")
          .append(sql.getErrorCode());
      UniqueViolation.constraint(sql)
          .filter(name -> !name.isEmpty())
          .ifPresent(name -> message.append(", unique constraint ").append(name));
    } else if (cause != null) {
      message.append(": ").append(cause.getClass().getName());
    }
    return message.append(" (statement and bound values withheld)").toString();
  }

  /**
   * Connections of a pool whose connections are in another schema, moved to Paykit's for as long as
   * Paykit holds them and back before they return to the pool, so that the host's own use of the
   * pool finds them as it left them.
   */
  private static final class InSchema implements ConnectionFactory {
    private final DataSource dataSource;
    private final String schema;
    private final String home;

    InSchema(DataSource dataSource, String schema, String home) {
      this.dataSource = dataSource;
      this.schema = schema;
      this.home = home;
    }

    @Override
    public Connection openConnection() throws SQLException {
      Connection connection = dataSource.getConnection();
      try {
        connection.setSchema(schema);
        return connection;
      } catch (SQLException e) {
        connection.close();
        throw e;
      }
    }

    @Override
    public void closeConnection(Connection connection) throws SQLException {
      try {
        connection.setSchema(home);
      } finally {
        connection.close();
      }
    }
  }
}
