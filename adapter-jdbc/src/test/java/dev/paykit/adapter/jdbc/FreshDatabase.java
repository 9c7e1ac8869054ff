package dev.paykit.adapter.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A host application's database, new for every test: the host's own connection pool on an in-memory
 * H2 database of its own, or on a PostgreSQL schema of its own (skipped or failed like {@link
 * TestDatabase} when PostgreSQL is not there). Dropped after the test, with every schema {@link
 * #newSchemaName()} handed out.
 */
final class FreshDatabase implements BeforeEachCallback, AfterEachCallback {
  static final int POOL_SIZE = 2;

  private final boolean postgres;
  private final List<String> schemas = new ArrayList<>();
  private String url;
  private String hostSchema;
  private HikariDataSource pool;

  private FreshDatabase(boolean postgres) {
    this.postgres = postgres;
  }

  static FreshDatabase h2() {
    return new FreshDatabase(false);
  }

  static FreshDatabase postgres() {
    return new FreshDatabase(true);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws SQLException {
    schemas.clear();
    if (postgres) {
      hostSchema = newSchemaName();
      try (Connection admin = TestDatabase.adminConnection(System.getenv())) {
        TestDatabase.execute(admin, "create schema " + hostSchema);
      }
      url = TestDatabase.postgresUrl(System.getenv(), hostSchema);
    } else {
      hostSchema = "public";
      url = JdbcSettings.inMemory(newSchemaName()).url();
    }
    HikariConfig config = new HikariConfig();
    config.setPoolName("host");
    config.setJdbcUrl(url);
    config.setUsername(postgres ? "postgres" : "");
    // Few enough that a test can hold every one and see the schema Paykit left each in.
    config.setMaximumPoolSize(POOL_SIZE);
    pool = new HikariDataSource(config);
  }

  @Override
  public void afterEach(ExtensionContext context) throws SQLException {
    if (pool == null) {
      return;
    }
    pool.close();
    if (postgres) {
      try (Connection admin = TestDatabase.adminConnection(System.getenv())) {
        for (String schema : schemas) {
          TestDatabase.execute(admin, "drop schema if exists " + schema + " cascade");
        }
      }
    } else {
      try (Connection connection = DriverManager.getConnection(url)) {
        TestDatabase.execute(connection, "shutdown");
      }
    }
  }

  /** The host's pool. */
  DataSource dataSource() {
    return pool;
  }

  /** The schema the host's connections are in. */
  String hostSchema() {
    return hostSchema;
  }

  /** A schema name no other test uses, dropped after this test (on PostgreSQL). */
  String newSchemaName() {
    String name = "paykit_h_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    schemas.add(name);
    return name;
  }
}
