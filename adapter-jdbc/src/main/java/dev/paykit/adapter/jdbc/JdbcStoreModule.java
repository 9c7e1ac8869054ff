package dev.paykit.adapter.jdbc;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.zaxxer.hikari.HikariDataSource;
import dev.paykit.port.out.IdempotencyStore;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.RefundStore;
import dev.paykit.port.out.WebhookInbox;
import jakarta.inject.Inject;
import java.util.Objects;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * Binds every store port to its JDBC implementation over one HikariCP pool. Creating the injector
 * opens the pool and migrates the schema, so a wrong URL, a wrong password or a failed migration
 * stops the app at start-up rather than at its first payment. The app closes the pool on shutdown:
 * {@code injector.getInstance(HikariDataSource.class).close()}.
 */
public final class JdbcStoreModule extends AbstractModule {
  private final JdbcSettings settings;

  public JdbcStoreModule(JdbcSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  protected void configure() {
    bind(PaymentStore.class).to(JdbiPaymentStore.class);
    bind(IdempotencyStore.class).to(JdbiIdempotencyStore.class);
    bind(WebhookInbox.class).to(JdbiWebhookInbox.class);
    bind(RefundStore.class).to(JdbiRefundStore.class);
    bind(JdbiPaymentStore.class).in(Singleton.class);
    bind(JdbiIdempotencyStore.class).in(Singleton.class);
    bind(JdbiWebhookInbox.class).in(Singleton.class);
    bind(JdbiRefundStore.class).in(Singleton.class);
    bind(StartUp.class).asEagerSingleton();
  }

  /**
   * The one eager binding: it needs the migrated {@link Jdbi}, so creating the injector opens the
   * pool and migrates. One, not one per store, because Guice tries every eager binding even after
   * one failed, and a wrong password would then be tried once per store.
   */
  static final class StartUp {
    @Inject
    StartUp(Jdbi migrated) {
      Objects.requireNonNull(migrated, "migrated");
    }
  }

  @Provides
  @Singleton
  HikariDataSource pool() {
    return JdbcStores.pool(settings);
  }

  @Provides
  @Singleton
  DataSource dataSource(HikariDataSource pool) {
    return pool;
  }

  @Provides
  @Singleton
  Jdbi jdbi(DataSource dataSource) {
    Migrations.migrate(dataSource);
    return Jdbi.create(dataSource);
  }
}
