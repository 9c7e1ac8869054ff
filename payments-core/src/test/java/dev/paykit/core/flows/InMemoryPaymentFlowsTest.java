package dev.paykit.core.flows;

import dev.paykit.adapter.inmemory.InMemoryStores;
import dev.paykit.port.out.Stores;

class InMemoryPaymentFlowsTest extends PaymentFlowsContract {
  @Override
  protected Stores newStores() {
    return new InMemoryStores();
  }
}
