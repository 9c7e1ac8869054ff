package dev.paykit.bench.harness;

import com.google.inject.Injector;
import dev.paykit.adapter.inmemory.InMemoryIdempotencyStore;
import dev.paykit.adapter.inmemory.InMemoryPaymentStore;
import dev.paykit.adapter.inmemory.InMemoryRefundStore;
import dev.paykit.adapter.inmemory.InMemoryWebhookInbox;
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
    Injector jdbc)
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
    Injector injector = schema.openStores(poolSize);
    return new PaykitStores(
        injector.getInstance(PaymentStore.class),
        injector.getInstance(IdempotencyStore.class),
        injector.getInstance(WebhookInbox.class),
        injector.getInstance(RefundStore.class),
        injector);
  }

  /** Closes the pool, if there is one: the stores of this instance are unusable after it. */
  @Override
  public void close() {
    if (jdbc != null) {
      PostgresSchema.close(jdbc);
    }
  }
}
