package dev.paykit.bench.support;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.paykit.adapter.jdbc.JdbcOptions;
import dev.paykit.adapter.jdbc.JdbcSettings;
import dev.paykit.adapter.jdbc.JdbcStoreModule;
import dev.paykit.adapter.jdbc.JdbcStores;
import dev.paykit.port.out.Secret;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * A schema of its own for one benchmark or soak run, {@code paykit_bench_<random>}, in the
 * PostgreSQL at {@code url} (trust authentication, user {@code postgres} by default). The stores'
 * migrations create the tables the first time a {@link JdbcStoreModule} opens it; {@link #drop()}
 * removes everything.
 */
public final class PostgresSchema implements AutoCloseable {
  public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  public static final String DEFAULT_USER = "postgres";

  private final String url;
  private final String user;
  private final String name;
  private boolean dropped;

  private PostgresSchema(String url, String user, String name) {
    this.url = url;
    this.user = user;
    this.name = name;
  }

  /** Creates a fresh schema. */
  public static PostgresSchema create(String url, String user) {
    String name = "paykit_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    PostgresSchema schema = new PostgresSchema(url, user, name);
    schema.admin("create schema " + name);
    return schema;
  }

  /** A schema another process created (a JMH fork is handed the name of its parent's schema). */
  public static PostgresSchema existing(String url, String user, String name) {
    if (!name.matches("[a-z0-9_]{1,63}")) {
      throw new IllegalArgumentException("not a schema name this harness creates: " + name);
    }
    return new PostgresSchema(url, user, name);
  }

  public String name() {
    return name;
  }

  public String url() {
    return url;
  }

  public String user() {
    return user;
  }

  /** Settings for the stores, with the schema as the connections' search path. */
  public JdbcSettings settings(int poolSize) {
    return new JdbcSettings(
        url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name,
        user,
        Secret.of(""),
        poolSize);
  }

  /**
   * Paykit's tables in this schema. The connections of {@link #settings} already start in it, so
   * naming it costs the stores nothing per statement.
   */
  public JdbcOptions options() {
    return JdbcOptions.defaults().inSchema(name);
  }

  /** Opens the stores (migrating the schema on first use); close with {@link #close(Injector)}. */
  public Injector openStores(int poolSize) {
    return Guice.createInjector(JdbcStoreModule.ownPool(settings(poolSize), options()));
  }

  public static void close(Injector stores) {
    stores.getInstance(JdbcStores.class).close();
  }

  /** The server's version line, for the record of the machine a figure was taken on. */
  public String serverVersion() {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("show server_version")) {
      r.next();
      return "PostgreSQL " + r.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the PostgreSQL version at " + url, e);
    }
  }

  /** A plain connection outside any pool, for set-up, bulk fills and checks. */
  public Connection connect() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("connectTimeout", "5");
    Connection connection = DriverManager.getConnection(url, properties);
    try (Statement s = connection.createStatement()) {
      s.execute("set search_path to " + name);
    }
    return connection;
  }

  private void admin(String sql) {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("connectTimeout", "5");
    try (Connection c = DriverManager.getConnection(url, properties);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL at " + url + " refused '" + sql.split(" ")[0].toLowerCase(Locale.ROOT) + "'",
          e);
    }
  }

  /** Drops the schema and everything in it. */
  public void drop() {
    if (!dropped) {
      dropped = true;
      admin("drop schema if exists " + name + " cascade");
    }
  }

  @Override
  public void close() {
    drop();
  }
}
