package dev.paykit.adapter.jdbc;

import com.zaxxer.hikari.HikariConfig;
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
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The four JDBC stores, the outbox and their unit of work, for applications without a DI container
 * ({@link JdbcStoreModule} is the same for Guice). All six share one {@link Jdbi}: a phase of
 * {@link #unitOfWork()} is one transaction, and every store call made in it on the calling thread
 * runs in that transaction. Either on the application's own {@link DataSource} ({@link #on}), whose
 * pooling stays the application's and which {@link #close} leaves open, or on a HikariCP pool of
 * their own built from {@link JdbcSettings} ({@link #open}), which {@link #close} closes.
 *
 * <p>Starting migrates Paykit's tables (or, with {@link JdbcOptions#withoutMigrating()}, checks
 * that they are up to date), so a wrong URL, a wrong password or a missing migration stops the
 * application at start-up rather than at its first payment.
 */
public final class JdbcStores implements Stores, AutoCloseable {
  private final HikariDataSource ownPool;
  private final Jdbi jdbi;
  private final String schema;
  private final PaymentStore payments;
  private final IdempotencyStore keys;
  private final WebhookInbox inbox;
  private final RefundStore refunds;
  private final DisputeStore disputes;
  private final SubscriptionStore subscriptions;
  private final Outbox outbox;
  private final UnitOfWork unitOfWork;

  private JdbcStores(HikariDataSource ownPool, Jdbi jdbi, String schema) {
    this.ownPool = ownPool;
    this.jdbi = jdbi;
    this.schema = schema;
    this.payments = new JdbiPaymentStore(jdbi);
    this.keys = new JdbiIdempotencyStore(jdbi);
    this.inbox = new JdbiWebhookInbox(jdbi);
    this.refunds = new JdbiRefundStore(jdbi);
    this.disputes = new JdbiDisputeStore(jdbi);
    this.subscriptions = new JdbiSubscriptionStore(jdbi);
    this.outbox = new JdbiOutbox(jdbi);
    this.unitOfWork = new JdbiUnitOfWork(jdbi);
  }

  /** The stores on the application's {@code dataSource}, in its current schema, migrated. */
  public static JdbcStores on(DataSource dataSource) {
    return on(dataSource, JdbcOptions.defaults());
  }

  /** The stores on the application's {@code dataSource}, as {@code options} say. */
  public static JdbcStores on(DataSource dataSource, JdbcOptions options) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(options, "options");
    return start(dataSource, null, options);
  }

  /** The stores on a pool of their own, in its connections' current schema, migrated. */
  public static JdbcStores open(JdbcSettings settings) {
    return open(settings, JdbcOptions.defaults());
  }

  /** The stores on a pool of their own, as {@code options} say. */
  public static JdbcStores open(JdbcSettings settings, JdbcOptions options) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(options, "options");
    HikariDataSource pool = pool(settings);
    try {
      return start(pool, pool, options);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  private static JdbcStores start(
      DataSource dataSource, HikariDataSource own, JdbcOptions options) {
    String schema = options.schema().orElseGet(() -> SchemaName.current(dataSource));
    if (options.migratesOnStart()) {
      PaykitMigrations.run(dataSource, schema);
    } else {
      PaykitMigrations.requireUpToDate(dataSource, schema);
    }
    return new JdbcStores(own, StoreJdbi.create(dataSource, schema), schema);
  }

  private static HikariDataSource pool(JdbcSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("paykit");
    config.setJdbcUrl(settings.url());
    if (!settings.user().isEmpty()) {
      config.setUsername(settings.user());
    }
    if (!settings.password().isEmpty()) {
      config.setPassword(settings.password().reveal());
    }
    if (settings.url().toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:")) {
      // Without it the driver's messages quote the rows and keys a statement failed on ("Failing
      // row contains ..."), which would bring payloads and metadata back into logs and errors.
      config.addDataSourceProperty("logServerErrorDetail", "false");
    }
    config.setMaximumPoolSize(settings.poolSize());
    return new HikariDataSource(config);
  }

  /** The schema Paykit's tables are in. */
  public String schema() {
    return schema;
  }

  @Override
  public PaymentStore payments() {
    return payments;
  }

  @Override
  public IdempotencyStore idempotencyKeys() {
    return keys;
  }

  @Override
  public WebhookInbox inbox() {
    return inbox;
  }

  @Override
  public RefundStore refunds() {
    return refunds;
  }

  @Override
  public DisputeStore disputes() {
    return disputes;
  }

  @Override
  public SubscriptionStore subscriptions() {
    return subscriptions;
  }

  @Override
  public Outbox outbox() {
    return outbox;
  }

  @Override
  public UnitOfWork unitOfWork() {
    return unitOfWork;
  }

  /** The pool these stores opened, or null on the application's own data source. */
  HikariDataSource ownPool() {
    return ownPool;
  }

  /** The stores' JDBI, for tests that look at the tables directly. */
  Jdbi jdbi() {
    return jdbi;
  }

  /** Closes the pool these stores opened; the application's own data source stays open. */
  @Override
  public void close() {
    if (ownPool != null) {
      ownPool.close();
    }
  }
}
