package dev.paykit.app;

import com.google.inject.Injector;
import com.google.inject.Module;
import dev.paykit.adapter.inmemory.InMemoryStoreModule;
import dev.paykit.adapter.jdbc.JdbcOptions;
import dev.paykit.adapter.jdbc.JdbcSettings;
import dev.paykit.adapter.jdbc.JdbcStoreModule;
import dev.paykit.adapter.jdbc.JdbcStores;
import dev.paykit.port.out.Secret;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/**
 * The store of one run, ready to be wired: its Guice module, a line that says where the data is,
 * and how to close it afterwards.
 *
 * <p>Every run starts from an empty store, so that what the tour checks is only what it did: H2 is
 * a fresh file in the run directory, and PostgreSQL a fresh schema in the given database (dropped
 * at the end unless the data is to be kept).
 */
public final class StoreSetup implements AutoCloseable {
  private final StoreKind kind;
  private final Module module;
  private final String description;
  private final JdbcSettings jdbc;
  private final String schemaToDrop;
  private Injector injector;

  private StoreSetup(
      StoreKind kind, Module module, String description, JdbcSettings jdbc, String schemaToDrop) {
    this.kind = kind;
    this.module = module;
    this.description = description;
    this.jdbc = jdbc;
    this.schemaToDrop = schemaToDrop;
  }

  /**
   * @param url the database (required for {@link StoreKind#POSTGRES}; for {@link StoreKind#H2},
   *     null means a fresh file in the run directory)
   * @param runDirectory where an H2 database is created
   * @param keepData whether a PostgreSQL schema stays after the run
   */
  public static StoreSetup open(
      StoreKind kind,
      String url,
      String user,
      Secret password,
      Path runDirectory,
      boolean keepData) {
    switch (kind) {
      case MEMORY:
        return new StoreSetup(
            kind, new InMemoryStoreModule(), "in memory (gone when the run ends)", null, null);
      case H2:
        if (url != null) {
          JdbcSettings given =
              new JdbcSettings(url, user, password, JdbcSettings.DEFAULT_POOL_SIZE);
          return new StoreSetup(
              kind, new JdbcStoreModule(given), "H2 " + given.redactedUrl(), given, null);
        }
        JdbcSettings h2 = JdbcSettings.embedded(runDirectory.resolve("db"));
        return new StoreSetup(
            kind,
            new JdbcStoreModule(h2),
            "H2 file " + runDirectory.resolve("db").resolve("paykit.mv.db") + " (fresh)",
            h2,
            null);
      case POSTGRES:
        return postgres(url, user, password, keepData);
      default:
        throw new IllegalArgumentException("unknown store " + kind);
    }
  }

  private static StoreSetup postgres(String url, String user, Secret password, boolean keepData) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException(
          "--store postgres needs --db jdbc:postgresql://host:port/database (or PAYKIT_DB_URL)");
    }
    String schema =
        "paykit_tour_"
            + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"))
            + "_"
            + UUID.randomUUID().toString().substring(0, 6);
    // Paykit's migrations create the schema; the connections start in it, so the stores need not
    // move them there.
    String separator = url.contains("?") ? "&" : "?";
    JdbcSettings settings =
        new JdbcSettings(
            url + separator + "currentSchema=" + schema,
            user,
            password,
            JdbcSettings.DEFAULT_POOL_SIZE);
    String where =
        "PostgreSQL "
            + new JdbcSettings(url, user, password, 1).redactedUrl()
            + ", fresh schema "
            + schema
            + (keepData ? " (kept)" : " (dropped at the end; --keep-data keeps it)");
    return new StoreSetup(
        StoreKind.POSTGRES,
        JdbcStoreModule.ownPool(settings, JdbcOptions.defaults().inSchema(schema)),
        where,
        settings,
        keepData ? null : schema);
  }

  public StoreKind kind() {
    return kind;
  }

  public Module module() {
    return module;
  }

  /** Where the data is, for the screen. */
  public String description() {
    return description;
  }

  /** Remembers the injector whose stores {@link #close()} closes. */
  public void attach(Injector wired) {
    this.injector = wired;
  }

  @Override
  public void close() throws SQLException {
    if (jdbc != null && injector != null) {
      injector.getInstance(JdbcStores.class).close();
    }
    if (schemaToDrop != null) {
      String url = jdbc.url();
      try (Connection connection =
              DriverManager.getConnection(url, jdbc.user(), jdbc.password().reveal());
          Statement statement = connection.createStatement()) {
        statement.execute("drop schema " + schemaToDrop.toLowerCase(Locale.ROOT) + " cascade");
      }
    }
  }
}
