package dev.paykit.adapter.jdbc;

import dev.paykit.domain.PaykitException;

/**
 * The JDBC stores cannot start as configured: a setting is invalid ({@code invalid_setting}, naming
 * the setting or its environment variable), or the schema is not migrated to the version these
 * stores need ({@code schema_not_migrated}, naming the schema). Never quotes a password.
 */
public final class JdbcSetupException extends PaykitException {
  private static final long serialVersionUID = 1L;

  private JdbcSetupException(String code, String subject, String message, Throwable cause) {
    super(code, subject, 500, message, cause);
  }

  static JdbcSetupException invalidSetting(String setting, String problem) {
    return new JdbcSetupException("invalid_setting", setting, setting + " " + problem, null);
  }

  static JdbcSetupException schemaNotMigrated(String schema, String problem, Throwable cause) {
    return new JdbcSetupException(
        "schema_not_migrated",
        "schema:" + schema,
        "Paykit's tables in schema "
            + schema
            + " are not at the version these stores need ("
            + problem
            + "): run PaykitMigrations.migrate(dataSource, \""
            + schema
            + "\") first, or let the stores migrate on start (the default of JdbcOptions)",
        cause);
  }
}
