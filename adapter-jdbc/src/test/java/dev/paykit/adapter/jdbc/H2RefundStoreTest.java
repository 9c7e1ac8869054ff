package dev.paykit.adapter.jdbc;

import dev.paykit.port.out.RefundStore;
import dev.paykit.testkit.RefundStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The RefundStore contract on H2 in PostgreSQL mode, raced by two app instances with a pool each.
 */
class H2RefundStoreTest extends RefundStoreContract {
  @RegisterExtension static final TestDatabase database = TestDatabase.h2();

  @Override
  protected RefundStore newStore() {
    return database.first(RefundStore.class);
  }

  @Override
  protected RefundStore secondInstance() {
    return database.second(RefundStore.class);
  }
}
