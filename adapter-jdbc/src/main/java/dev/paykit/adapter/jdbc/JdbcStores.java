package dev.paykit.adapter.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.paykit.port.out.IdempotencyStore;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.RefundStore;
import dev.paykit.port.out.WebhookInbox;
import org.jdbi.v3.core.Jdbi;

/**
 * The four JDBC stores over one pool, for applications without a DI container: {@link #open} opens
 * the pool and migrates the schema (failing at once on a wrong URL or password), and {@link #close}
 * closes the pool. {@link JdbcStoreModule} is the same for Guice.
 */
public final class JdbcStores implements AutoCloseable {
  private final HikariDataSource pool;
  private final PaymentStore payments;
  private final IdempotencyStore keys;
  private final WebhookInbox inbox;
  private final RefundStore refunds;

  private JdbcStores(HikariDataSource pool, Jdbi jdbi) {
    this.pool = pool;
    this.payments = new JdbiPaymentStore(jdbi);
    this.keys = new JdbiIdempotencyStore(jdbi);
    this.inbox = new JdbiWebhookInbox(jdbi);
    this.refunds = new JdbiRefundStore(jdbi);
  }

  public static JdbcStores open(JdbcSettings settings) {
    HikariDataSource pool = pool(settings);
    try {
      Migrations.migrate(pool);
      return new JdbcStores(pool, Jdbi.create(pool));
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  static HikariDataSource pool(JdbcSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("paykit");
    config.setJdbcUrl(settings.url());
    if (!settings.user().isEmpty()) {
      config.setUsername(settings.user());
    }
    if (!settings.password().isEmpty()) {
      config.setPassword(settings.password().reveal());
    }
    config.setMaximumPoolSize(settings.poolSize());
    return new HikariDataSource(config);
  }

  public PaymentStore payments() {
    return payments;
  }

  public IdempotencyStore idempotencyKeys() {
    return keys;
  }

  public WebhookInbox inbox() {
    return inbox;
  }

  public RefundStore refunds() {
    return refunds;
  }

  @Override
  public void close() {
    pool.close();
  }
}
