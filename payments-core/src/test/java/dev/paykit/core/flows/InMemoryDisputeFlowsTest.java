package dev.paykit.core.flows;

import dev.paykit.adapter.inmemory.InMemoryStores;
import dev.paykit.port.out.Stores;

class InMemoryDisputeFlowsTest extends DisputeFlowsContract {
  @Override
  protected Stores newStores() {
    return new InMemoryStores();
  }
}
