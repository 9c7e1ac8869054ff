package dev.paykit.adapter.inmemory;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import dev.paykit.port.out.IdempotencyStore;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.RefundStore;
import dev.paykit.port.out.WebhookInbox;

/**
 * Binds the four store ports to in-memory singletons: everything one injector creates shares one
 * set of stores.
 */
public final class InMemoryStoreModule extends AbstractModule {
  @Override
  protected void configure() {
    // The implementations are the singletons, so asking for a port or its class gives one store.
    bind(InMemoryPaymentStore.class).in(Scopes.SINGLETON);
    bind(InMemoryIdempotencyStore.class).in(Scopes.SINGLETON);
    bind(InMemoryWebhookInbox.class).in(Scopes.SINGLETON);
    bind(InMemoryRefundStore.class).in(Scopes.SINGLETON);
    bind(PaymentStore.class).to(InMemoryPaymentStore.class);
    bind(IdempotencyStore.class).to(InMemoryIdempotencyStore.class);
    bind(WebhookInbox.class).to(InMemoryWebhookInbox.class);
    bind(RefundStore.class).to(InMemoryRefundStore.class);
  }
}
