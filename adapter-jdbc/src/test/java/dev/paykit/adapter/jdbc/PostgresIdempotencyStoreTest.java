package dev.paykit.adapter.jdbc;

import dev.paykit.port.out.IdempotencyStore;
import dev.paykit.testkit.IdempotencyStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The IdempotencyStore contract on PostgreSQL, raced by two app instances with a pool each. */
class PostgresIdempotencyStoreTest extends IdempotencyStoreContract {
  @RegisterExtension static final TestDatabase database = TestDatabase.postgres();

  @Override
  protected IdempotencyStore newStore() {
    return database.first(IdempotencyStore.class);
  }

  @Override
  protected IdempotencyStore secondInstance() {
    return database.second(IdempotencyStore.class);
  }
}
