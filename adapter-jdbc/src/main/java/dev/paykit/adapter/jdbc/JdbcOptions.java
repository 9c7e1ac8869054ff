package dev.paykit.adapter.jdbc;

import java.util.Optional;

/**
 * Where the JDBC stores keep their tables and whether they migrate them on start. The defaults: the
 * current schema of the connections, migrated on start with {@link PaykitMigrations}.
 *
 * <p>A schema other than the one the pool's connections are in costs two statements per unit of
 * work (each connection is moved to Paykit's schema while Paykit uses it, and back); a pool whose
 * connections already are in Paykit's schema (PostgreSQL's {@code currentSchema=} in the URL) costs
 * nothing.
 */
public final class JdbcOptions {
  private static final JdbcOptions DEFAULTS = new JdbcOptions(null, true);

  private final String schema;
  private final boolean migrateOnStart;

  private JdbcOptions(String schema, boolean migrateOnStart) {
    this.schema = schema;
    this.migrateOnStart = migrateOnStart;
  }

  /** The connections' current schema, migrated on start. */
  public static JdbcOptions defaults() {
    return DEFAULTS;
  }

  /**
   * These options with Paykit's tables in {@code schema}, which migrating creates if it is missing.
   *
   * @throws JdbcSetupException if {@code schema} is not a plain lower-case name
   */
  public JdbcOptions inSchema(String schema) {
    return new JdbcOptions(SchemaName.checked(schema), migrateOnStart);
  }

  /**
   * These options without migrating on start, for an application that runs {@link
   * PaykitMigrations#migrate} itself (at deployment, or with its own migrations): the stores then
   * only check on start that the schema is up to date, and refuse to start if it is not.
   */
  public JdbcOptions withoutMigrating() {
    return new JdbcOptions(schema, false);
  }

  /** The schema given, or empty for the connections' current schema. */
  public Optional<String> schema() {
    return Optional.ofNullable(schema);
  }

  public boolean migratesOnStart() {
    return migrateOnStart;
  }

  @Override
  public String toString() {
    return "JdbcOptions[schema="
        + (schema == null ? "(the connections' current schema)" : schema)
        + ", migrateOnStart="
        + migrateOnStart
        + "]";
  }
}
