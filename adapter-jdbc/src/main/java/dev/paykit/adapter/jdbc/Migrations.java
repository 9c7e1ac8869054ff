package dev.paykit.adapter.jdbc;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Brings the schema up to date with Flyway: the common migrations and the vendor's own. */
final class Migrations {
  private static final String COMMON_LOCATION = "classpath:db/migration/common";

  private Migrations() {}

  static void migrate(DataSource dataSource) {
    Database database = Database.of(dataSource);
    Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations(COMMON_LOCATION, database.migrationLocation())
        .load()
        .migrate();
  }
}
