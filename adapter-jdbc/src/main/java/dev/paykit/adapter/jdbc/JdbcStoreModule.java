package dev.paykit.adapter.jdbc;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.zaxxer.hikari.HikariDataSource;
import dev.paykit.port.out.DisputeStore;
import dev.paykit.port.out.IdempotencyStore;
import dev.paykit.port.out.Outbox;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.RefundStore;
import dev.paykit.port.out.Stores;
import dev.paykit.port.out.SubscriptionStore;
import dev.paykit.port.out.UnitOfWork;
import dev.paykit.port.out.WebhookInbox;
import jakarta.inject.Inject;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Binds every store port to its JDBC implementation, over the application's {@link DataSource}
 * ({@link #on}) or over a HikariCP pool of its own ({@link #JdbcStoreModule(JdbcSettings)}, {@link
 * #ownPool}). Creating the injector starts the stores ({@link JdbcStores}: migrating or checking
 * the schema), so a wrong URL, a wrong password or a failed migration stops the app at start-up
 * rather than at its first payment. The app closes them on shutdown with {@code
 * injector.getInstance(JdbcStores.class).close()}, which closes an own pool and leaves the
 * application's data source open.
 *
 * <p>Besides the four store ports, {@link Outbox}, {@link Stores} and {@link UnitOfWork} (all of
 * one {@link JdbcStores}, so that a phase's store calls share its transaction), it binds only
 * {@link JdbcStores} and, with a pool of its own, that pool as {@link HikariDataSource}: never
 * {@code DataSource} or {@code Jdbi}, which an application may well bind for itself.
 */
public final class JdbcStoreModule extends AbstractModule {
  private final JdbcSettings settings;
  private final DataSource dataSource;
  private final JdbcOptions options;

  /** The stores on a pool of their own, in its connections' current schema, migrated. */
  public JdbcStoreModule(JdbcSettings settings) {
    this(Objects.requireNonNull(settings, "settings"), null, JdbcOptions.defaults());
  }

  private JdbcStoreModule(JdbcSettings settings, DataSource dataSource, JdbcOptions options) {
    this.settings = settings;
    this.dataSource = dataSource;
    this.options = Objects.requireNonNull(options, "options");
  }

  /** The stores on a pool of their own, as {@code options} say. */
  public static JdbcStoreModule ownPool(JdbcSettings settings, JdbcOptions options) {
    return new JdbcStoreModule(Objects.requireNonNull(settings, "settings"), null, options);
  }

  /** The stores on the application's {@code dataSource}, as {@code options} say. */
  public static JdbcStoreModule on(DataSource dataSource, JdbcOptions options) {
    return new JdbcStoreModule(null, Objects.requireNonNull(dataSource, "dataSource"), options);
  }

  @Override
  protected void configure() {
    bind(StartUp.class).asEagerSingleton();
    if (settings != null) {
      install(new OwnPool());
    }
  }

  /**
   * The one eager binding: creating the injector starts the stores. One, not one per store, because
   * Guice tries every eager binding even after one failed, and a wrong password would then be tried
   * once per store.
   */
  static final class StartUp {
    @Inject
    StartUp(JdbcStores started) {
      Objects.requireNonNull(started, "started");
    }
  }

  @Provides
  @Singleton
  JdbcStores started() {
    return settings != null
        ? JdbcStores.open(settings, options)
        : JdbcStores.on(dataSource, options);
  }

  @Provides
  PaymentStore payments(JdbcStores stores) {
    return stores.payments();
  }

  @Provides
  IdempotencyStore idempotencyKeys(JdbcStores stores) {
    return stores.idempotencyKeys();
  }

  @Provides
  WebhookInbox inbox(JdbcStores stores) {
    return stores.inbox();
  }

  @Provides
  RefundStore refunds(JdbcStores stores) {
    return stores.refunds();
  }

  @Provides
  DisputeStore disputes(JdbcStores stores) {
    return stores.disputes();
  }

  @Provides
  SubscriptionStore subscriptions(JdbcStores stores) {
    return stores.subscriptions();
  }

  @Provides
  Outbox outbox(JdbcStores stores) {
    return stores.outbox();
  }

  @Provides
  Stores stores(JdbcStores stores) {
    return stores;
  }

  @Provides
  UnitOfWork unitOfWork(JdbcStores stores) {
    return stores.unitOfWork();
  }

  /** The pool the stores opened, for applications that close it or read its figures. */
  static final class OwnPool extends AbstractModule {
    @Provides
    @Singleton
    HikariDataSource pool(JdbcStores stores) {
      return stores.ownPool();
    }
  }
}
