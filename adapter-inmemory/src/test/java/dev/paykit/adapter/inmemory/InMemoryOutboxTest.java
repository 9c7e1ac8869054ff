package dev.paykit.adapter.inmemory;

import dev.paykit.port.out.Stores;
import dev.paykit.testkit.OutboxContract;

class InMemoryOutboxTest extends OutboxContract {
  @Override
  protected Stores newStores() {
    return new InMemoryStores();
  }
}
