package dev.paykit.bench.harness;

import dev.paykit.adapter.inmemory.InMemoryStores;
import dev.paykit.adapter.jdbc.JdbcStores;
import dev.paykit.bench.support.PostgresSchema;
import dev.paykit.port.out.DisputeStore;
import dev.paykit.port.out.IdempotencyStore;
import dev.paykit.port.out.Outbox;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.RefundStore;
import dev.paykit.port.out.Stores;
import dev.paykit.port.out.SubscriptionStore;
import dev.paykit.port.out.UnitOfWork;
import dev.paykit.port.out.WebhookInbox;

/**
 * The stores of one app instance, with their unit of work, in memory or on a PostgreSQL schema (own
 * pool): what the core is built with, and closed with the instance.
 */
public final class PaykitStores implements Stores, AutoCloseable {
  private final Stores stores;
  private final JdbcStores jdbc;

  private PaykitStores(Stores stores, JdbcStores jdbc) {
    this.stores = stores;
    this.jdbc = jdbc;
  }

  public static PaykitStores inMemory() {
    return new PaykitStores(new InMemoryStores(), null);
  }

  public static PaykitStores postgres(PostgresSchema schema, int poolSize) {
    JdbcStores stores = JdbcStores.open(schema.settings(poolSize), schema.options());
    return new PaykitStores(stores, stores);
  }

  @Override
  public PaymentStore payments() {
    return stores.payments();
  }

  @Override
  public IdempotencyStore idempotencyKeys() {
    return stores.idempotencyKeys();
  }

  @Override
  public WebhookInbox inbox() {
    return stores.inbox();
  }

  @Override
  public RefundStore refunds() {
    return stores.refunds();
  }

  @Override
  public DisputeStore disputes() {
    return stores.disputes();
  }

  @Override
  public SubscriptionStore subscriptions() {
    return stores.subscriptions();
  }

  @Override
  public Outbox outbox() {
    return stores.outbox();
  }

  @Override
  public UnitOfWork unitOfWork() {
    return stores.unitOfWork();
  }

  /** Closes the pool, if there is one: the stores of this instance are unusable after it. */
  @Override
  public void close() {
    if (jdbc != null) {
      jdbc.close();
    }
  }
}
