package dev.paykit.bench.harness;

import dev.paykit.adapter.inmemory.InMemoryIdempotencyStore;
import dev.paykit.adapter.inmemory.InMemoryPaymentStore;
import dev.paykit.adapter.inmemory.InMemoryRefundStore;
import dev.paykit.adapter.inmemory.InMemoryWebhookInbox;
import dev.paykit.adapter.jdbc.JdbcStores;
import dev.paykit.bench.support.PostgresSchema;
import dev.paykit.port.out.IdempotencyStore;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.RefundStore;
import dev.paykit.port.out.WebhookInbox;

/** The four stores of one app instance, in memory or on a PostgreSQL schema (own pool). */
public record PaykitStores(
    PaymentStore payments,
    IdempotencyStore keys,
    WebhookInbox inbox,
    RefundStore refunds,
    JdbcStores jdbc)
    implements AutoCloseable {

  public static PaykitStores inMemory() {
    return new PaykitStores(
        new InMemoryPaymentStore(),
        new InMemoryIdempotencyStore(),
        new InMemoryWebhookInbox(),
        new InMemoryRefundStore(),
        null);
  }

  public static PaykitStores postgres(PostgresSchema schema, int poolSize) {
    JdbcStores stores = JdbcStores.open(schema.settings(poolSize), schema.options());
    return new PaykitStores(
        stores.payments(), stores.idempotencyKeys(), stores.inbox(), stores.refunds(), stores);
  }

  /** Closes the pool, if there is one: the stores of this instance are unusable after it. */
  @Override
  public void close() {
    if (jdbc != null) {
      jdbc.close();
    }
  }
}
