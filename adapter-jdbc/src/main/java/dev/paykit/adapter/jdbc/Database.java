package dev.paykit.adapter.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The databases the adapter runs on, told apart once, from the connection's metadata. The stores'
 * SQL is the same on both (H2 also has {@code FOR UPDATE SKIP LOCKED} and {@code ON CONFLICT DO
 * NOTHING}); only one migration differs, so this picks the migrations' vendor folder.
 */
enum Database {
  POSTGRESQL("postgresql"),
  H2("h2");

  private final String migrationFolder;

  Database(String migrationFolder) {
    this.migrationFolder = migrationFolder;
  }

  String migrationLocation() {
    return "classpath:db/migration/" + migrationFolder;
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
