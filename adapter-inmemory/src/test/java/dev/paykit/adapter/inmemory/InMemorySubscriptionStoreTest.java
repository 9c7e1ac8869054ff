package dev.paykit.adapter.inmemory;

import dev.paykit.port.out.SubscriptionStore;
import dev.paykit.testkit.SubscriptionStoreContract;

class InMemorySubscriptionStoreTest extends SubscriptionStoreContract {
  @Override
  protected SubscriptionStore newStore() {
    return new InMemoryStores().subscriptions();
  }
}
