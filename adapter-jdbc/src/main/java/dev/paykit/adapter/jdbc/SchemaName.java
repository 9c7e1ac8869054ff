package dev.paykit.adapter.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** The schema Paykit's tables live in: a name given by the application, or the connection's own. */
final class SchemaName {
  // Unquoted lower case is what both databases (H2 with DATABASE_TO_LOWER) call a name written
  // without quotes, so the name means the same in Flyway's quoted SQL and in a person's unquoted.
  private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private SchemaName() {}

  /** {@code schema} if it is a plain lower-case name. */
  static String checked(String schema) {
    if (schema == null || !PLAIN.matcher(schema).matches()) {
      throw JdbcSetupException.invalidSetting(
          "schema",
          "must be a lower-case name of letters, digits and underscores, at most 63 long,"
              + " starting with a letter or underscore, was "
              + (schema == null ? "null" : "'" + schema + "'"));
    }
    return schema;
  }

  /** The current schema of {@code dataSource}'s connections, as the database names it. */
  static String current(DataSource dataSource) {
    String schema;
    try (Connection connection = dataSource.getConnection()) {
      schema = connection.getSchema();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the connection's current schema", e);
    }
    if (schema == null) {
      throw JdbcSetupException.invalidSetting(
          "schema",
          "is not given and the connection has no current schema (is its search path empty?):"
              + " name the schema for Paykit's tables");
    }
    return schema;
  }
}
