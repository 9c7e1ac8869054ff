package dev.paykit.spring.boot;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** The inbox backlog of the JDBC stores, counted in their {@code webhook_inbox} table. */
final class JdbcInboxBacklog implements InboxBacklog {
  private final DataSource dataSource;
  private final String table;

  /**
   * @param schema Paykit's schema, as the stores checked it (a plain lower-case name)
   */
  JdbcInboxBacklog(DataSource dataSource, String schema) {
    this.dataSource = dataSource;
    // Quoted: the schema is named as the database reports it, which on H2 may be lower case.
    this.table = "\"" + schema + "\".webhook_inbox";
  }

  @Override
  public long waiting() {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "select count(*) from " + table + " where status in ('PENDING', 'PROCESSING')")) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      // The state and code only: a driver's message may quote more than it should.
      throw new IllegalStateException(
          "counting the inbox failed (SQLState " + e.getSQLState() + ")", null);
    }
  }
}
