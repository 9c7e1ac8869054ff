package dev.paykit.adapter.jdbc;

import dev.paykit.port.out.DisputeStore;
import dev.paykit.testkit.DisputeStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The DisputeStore contract on PostgreSQL, raced by two app instances with a pool each. */
class PostgresDisputeStoreTest extends DisputeStoreContract {
  @RegisterExtension static final TestDatabase database = TestDatabase.postgres();

  @Override
  protected DisputeStore newStore() {
    return database.first(DisputeStore.class);
  }

  @Override
  protected DisputeStore secondInstance() {
    return database.second(DisputeStore.class);
  }
}
