package dev.paykit.adapter.inmemory;

import dev.paykit.port.out.Stores;
import dev.paykit.testkit.UnitOfWorkContract;

class InMemoryUnitOfWorkTest extends UnitOfWorkContract {
  @Override
  protected Stores newStores() {
    return new InMemoryStores();
  }
}
