package dev.paykit.adapter.inmemory;

import dev.paykit.port.out.DisputeStore;
import dev.paykit.testkit.DisputeStoreContract;

class InMemoryDisputeStoreTest extends DisputeStoreContract {
  @Override
  protected DisputeStore newStore() {
    return new InMemoryStores().disputes();
  }
}
