package dev.paykit.adapter.jdbc;

import dev.paykit.port.out.IdempotencyStore;
import dev.paykit.testkit.IdempotencyStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The IdempotencyStore contract on H2 in PostgreSQL mode, raced by two app instances with a pool
 * each.
 */
class H2IdempotencyStoreTest extends IdempotencyStoreContract {
  @RegisterExtension static final TestDatabase database = TestDatabase.h2();

  @Override
  protected IdempotencyStore newStore() {
    return database.first(IdempotencyStore.class);
  }

  @Override
  protected IdempotencyStore secondInstance() {
    return database.second(IdempotencyStore.class);
  }
}
