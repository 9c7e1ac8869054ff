package dev.paykit.adapter.jdbc;

import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * Creates and upgrades Paykit's tables with Flyway, beside whatever else the database holds. Its
 * history is a table of its own, {@value #HISTORY_TABLE}, and its scripts a classpath location of
 * their own, so a host that migrates its own tables with Flyway (history {@code
 * flyway_schema_history}, scripts in {@code db/migration}) in the same schema never sees Paykit's
 * versions, nor Paykit the host's; either may run first, and each as often as it likes.
 *
 * <p>A schema that already holds the host's tables is taken as it is: Paykit's history starts there
 * at version 0 and every Paykit migration runs. The host's Flyway needs one setting when Paykit's
 * tables came first (see the README): Flyway refuses a schema that is not empty and has none of its
 * history, so the host's Flyway needs {@code baselineOnMigrate(true)} with {@code
 * baselineVersion("0")}; with the default baseline version, 1, it would skip the host's own V1.
 *
 * <p>The stores migrate on start unless told not to ({@link JdbcOptions#withoutMigrating()}); this
 * is the same step for an application that migrates at deployment instead.
 */
public final class PaykitMigrations {
  /** The table in which Flyway keeps Paykit's migration history, in Paykit's schema. */
  public static final String HISTORY_TABLE = "paykit_schema_history";

  private PaykitMigrations() {}

  /** What a migration did. */
  public record Result(String schema, int migrationsApplied) {}

  /** Migrates Paykit's tables in the current schema of {@code dataSource}'s connections. */
  public static Result migrate(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    return run(dataSource, SchemaName.current(dataSource));
  }

  /**
   * Migrates Paykit's tables in {@code schema}, creating the schema if it does not exist.
   *
   * @throws JdbcSetupException if {@code schema} is not a plain lower-case name
   */
  public static Result migrate(DataSource dataSource, String schema) {
    Objects.requireNonNull(dataSource, "dataSource");
    return run(dataSource, SchemaName.checked(schema));
  }

  static Result run(DataSource dataSource, String schema) {
    MigrateResult result = flyway(dataSource, schema).migrate();
    return new Result(schema, result.migrationsExecuted);
  }

  /**
   * Checks that {@code schema} has every migration these stores know, and no changed one; newer
   * migrations (of a later Paykit) are fine.
   */
  static void requireUpToDate(DataSource dataSource, String schema) {
    ValidateResult result = flyway(dataSource, schema).validateWithResult();
    if (!result.validationSuccessful) {
      throw JdbcSetupException.schemaNotMigrated(schema, result.getAllErrorMessages(), null);
    }
  }

  private static Flyway flyway(DataSource dataSource, String schema) {
    return Flyway.configure(PaykitMigrations.class.getClassLoader())
        .dataSource(dataSource)
        .schemas(schema)
        .table(HISTORY_TABLE)
        .locations(Database.of(dataSource).migrationLocations())
        .failOnMissingLocations(true)
        // A schema in use without Paykit's history gets Paykit's tables from version 1 on.
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .baselineDescription("<< Paykit joins a schema in use >>")
        .load();
  }
}
