package dev.paykit.adapter.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The databases the adapter runs on, told apart once, from the connection's metadata. The stores'
 * SQL is the same on both (H2 also has {@code FOR UPDATE SKIP LOCKED} and {@code ON CONFLICT DO
 * NOTHING}); a few migrations differ, so this picks the migrations' vendor folder.
 */
enum Database {
  POSTGRESQL("postgresql"),
  H2("h2");

  private final String migrationFolder;

  Database(String migrationFolder) {
    this.migrationFolder = migrationFolder;
  }

  /**
   * Paykit's migrations, under a package of its own rather than Flyway's default {@code
   * db/migration}: a host's Flyway, which scans that default, never finds them, and Paykit's never
   * finds the host's.
   */
  static final String MIGRATIONS = "classpath:dev/paykit/adapter/jdbc/migration/";

  /** The migrations of both databases, then this one's own. */
  String[] migrationLocations() {
    return new String[] {MIGRATIONS + "common", MIGRATIONS + migrationFolder};
  }

  static Database of(DataSource dataSource) {
    String product;
    try (Connection connection = dataSource.getConnection()) {
      product = connection.getMetaData().getDatabaseProductName();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the database's metadata", e);
    }
    String name = product.toLowerCase(Locale.ROOT);
    if (name.contains("postgresql")) {
      return POSTGRESQL;
    }
    if (name.equals("h2")) {
      return H2;
    }
    throw new IllegalStateException(
        "Paykit's JDBC adapter runs on PostgreSQL and H2, not on " + product);
  }
}
