package dev.paykit.adapter.jdbc;

import dev.paykit.port.out.DisputeStore;
import dev.paykit.testkit.DisputeStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The DisputeStore contract on H2 in PostgreSQL mode, raced by two app instances with a pool each.
 */
class H2DisputeStoreTest extends DisputeStoreContract {
  @RegisterExtension static final TestDatabase database = TestDatabase.h2();

  @Override
  protected DisputeStore newStore() {
    return database.first(DisputeStore.class);
  }

  @Override
  protected DisputeStore secondInstance() {
    return database.second(DisputeStore.class);
  }
}
