package dev.paykit.adapter.inmemory;

import dev.paykit.port.out.PaymentStore;
import dev.paykit.testkit.PaymentStoreContract;

class InMemoryPaymentStoreTest extends PaymentStoreContract {
  @Override
  protected PaymentStore newStore() {
    return new InMemoryStores().payments();
  }
}
