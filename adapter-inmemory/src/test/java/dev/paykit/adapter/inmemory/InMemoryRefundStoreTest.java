package dev.paykit.adapter.inmemory;

import dev.paykit.port.out.RefundStore;
import dev.paykit.testkit.RefundStoreContract;

class InMemoryRefundStoreTest extends RefundStoreContract {
  @Override
  protected RefundStore newStore() {
    return new InMemoryStores().refunds();
  }
}
