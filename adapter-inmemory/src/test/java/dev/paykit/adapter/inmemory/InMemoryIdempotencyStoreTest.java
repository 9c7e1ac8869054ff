package dev.paykit.adapter.inmemory;

import dev.paykit.port.out.IdempotencyStore;
import dev.paykit.testkit.IdempotencyStoreContract;

class InMemoryIdempotencyStoreTest extends IdempotencyStoreContract {
  @Override
  protected IdempotencyStore newStore() {
    return new InMemoryStores().idempotencyKeys();
  }
}
