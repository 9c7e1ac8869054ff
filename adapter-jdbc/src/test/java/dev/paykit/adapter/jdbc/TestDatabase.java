package dev.paykit.adapter.jdbc;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.paykit.port.out.Secret;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A database of its own for one test class, reached by two app instances: two injectors of {@link
 * JdbcStoreModule}, each with its own pool, as two processes would have them. Emptied before every
 * test, dropped after the class.
 *
 * <p>{@link #h2()} is an in-memory H2 database with a unique name. {@link #postgres()} is a schema
 * with a unique name in the PostgreSQL at {@value #DEFAULT_POSTGRES_URL} (user {@code postgres}),
 * or at {@code PAYKIT_TEST_PG_URL}. If that PostgreSQL cannot be reached the class is skipped, and
 * with {@code CI=true} it fails instead: CI must never pass by skipping.
 */
final class TestDatabase implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
  static final String DEFAULT_POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String POSTGRES_URL_VARIABLE = "PAYKIT_TEST_PG_URL";

  // Children before parents, for the foreign key from the history to the payments.
  private static final List<String> TABLES =
      List.of(
          "payment_history",
          "payments",
          "idempotency_keys",
          "webhook_inbox",
          "refunds",
          "refund_guards",
          "outbox_events",
          "outbox_sequences",
          "dispute_history",
          "disputes",
          "subscription_history",
          "subscriptions");

  private final boolean postgres;
  private final Map<String, String> env;
  private JdbcSettings settings;
  private String schema;
  private Injector first;
  private Injector second;

  private TestDatabase(boolean postgres, Map<String, String> env) {
    this.postgres = postgres;
    this.env = env;
  }

  static TestDatabase h2() {
    return new TestDatabase(false, System.getenv());
  }

  static TestDatabase postgres() {
    return new TestDatabase(true, System.getenv());
  }

  /** The same, deciding reachability with {@code env} instead of the process's environment. */
  static TestDatabase postgres(Map<String, String> env) {
    return new TestDatabase(true, env);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws SQLException {
    if (postgres) {
      schema = "paykit_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      try (Connection admin = adminConnection()) {
        execute(admin, "create schema " + schema);
      }
      settings = settings(schema);
    } else {
      settings = JdbcSettings.inMemory("paykit_t_" + UUID.randomUUID().toString().replace("-", ""));
    }
    first = Guice.createInjector(new JdbcStoreModule(settings));
    second = Guice.createInjector(new JdbcStoreModule(settings));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    jdbi()
        .useTransaction(handle -> TABLES.forEach(table -> handle.execute("delete from " + table)));
  }

  @Override
  public void afterAll(ExtensionContext context) throws SQLException {
    for (Injector injector : new Injector[] {first, second}) {
      if (injector != null) {
        injector.getInstance(JdbcStores.class).close();
      }
    }
    if (postgres && settings != null) {
      try (Connection admin = adminConnection()) {
        execute(admin, "drop schema " + schema + " cascade");
      }
    } else if (settings != null) {
      try (Connection connection = DriverManager.getConnection(settings.url())) {
        execute(connection, "shutdown");
      }
    }
  }

  /** The database's settings, for a test that starts an app instance of its own. */
  JdbcSettings settings() {
    return settings;
  }

  /** What the first app instance has bound to {@code type}. */
  <T> T first(Class<T> type) {
    return first.getInstance(type);
  }

  /** What the second app instance, on its own pool, has bound to {@code type}. */
  <T> T second(Class<T> type) {
    return second.getInstance(type);
  }

  /** The first instance's JDBI, for looking at the tables directly. */
  Jdbi jdbi() {
    return first(JdbcStores.class).jdbi();
  }

  private JdbcSettings settings(String schema) {
    return new JdbcSettings(
        postgresUrl(env, schema), "postgres", Secret.of(""), JdbcSettings.DEFAULT_POOL_SIZE);
  }

  private Connection adminConnection() {
    return adminConnection(env);
  }

  /** The test PostgreSQL's URL, with {@code schema} as the connections' current schema. */
  static String postgresUrl(Map<String, String> env, String schema) {
    String url = postgresUrl(env);
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  private static String postgresUrl(Map<String, String> env) {
    String url = env.get(POSTGRES_URL_VARIABLE);
    return url == null || url.isBlank() ? DEFAULT_POSTGRES_URL : url.strip();
  }

  /**
   * A connection as the test PostgreSQL's owner; if it cannot be had, the test is skipped, or with
   * {@code CI=true} fails.
   */
  static Connection adminConnection(Map<String, String> env) {
    String url = postgresUrl(env);
    Properties properties = new Properties();
    properties.setProperty("user", "postgres");
    properties.setProperty("connectTimeout", "5");
    try {
      return DriverManager.getConnection(url, properties);
    } catch (SQLException e) {
      String problem = "PostgreSQL not reachable at " + url + " (" + e.getMessage() + ")";
      if ("true".equalsIgnoreCase(env.get("CI"))) {
        throw new IllegalStateException(
            problem + "; CI=true, so the PostgreSQL tests must run: start PostgreSQL", e);
      }
      return Assumptions.abort(problem + ", skipping PostgreSQL tests (they run for real in CI)");
    }
  }

  static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
