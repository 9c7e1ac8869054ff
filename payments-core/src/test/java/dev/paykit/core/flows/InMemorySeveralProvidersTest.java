package dev.paykit.core.flows;

import dev.paykit.adapter.inmemory.InMemoryStores;
import dev.paykit.port.out.Stores;

class InMemorySeveralProvidersTest extends SeveralProvidersContract {
  @Override
  protected Stores newStores() {
    return new InMemoryStores();
  }
}
