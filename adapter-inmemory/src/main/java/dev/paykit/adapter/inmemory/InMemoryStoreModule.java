package dev.paykit.adapter.inmemory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
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
 * Binds {@link Stores}, {@link UnitOfWork}, the four store ports and the {@link Outbox} to one
 * {@link InMemoryStores} per injector: every port an injector gives out belongs to the same family,
 * so the unit of work covers them all.
 */
public final class InMemoryStoreModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(InMemoryStores.class).in(Scopes.SINGLETON);
    bind(Stores.class).to(InMemoryStores.class);
  }

  @Provides
  @Singleton
  UnitOfWork unitOfWork(Stores stores) {
    return stores.unitOfWork();
  }

  @Provides
  @Singleton
  PaymentStore payments(Stores stores) {
    return stores.payments();
  }

  @Provides
  @Singleton
  IdempotencyStore idempotencyKeys(Stores stores) {
    return stores.idempotencyKeys();
  }

  @Provides
  @Singleton
  WebhookInbox inbox(Stores stores) {
    return stores.inbox();
  }

  @Provides
  @Singleton
  RefundStore refunds(Stores stores) {
    return stores.refunds();
  }

  @Provides
  @Singleton
  DisputeStore disputes(Stores stores) {
    return stores.disputes();
  }

  @Provides
  @Singleton
  SubscriptionStore subscriptions(Stores stores) {
    return stores.subscriptions();
  }

  @Provides
  @Singleton
  Outbox outbox(Stores stores) {
    return stores.outbox();
  }
}
