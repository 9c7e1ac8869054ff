package dev.paykit.adapter.jdbc;

import dev.paykit.port.out.RefundStore;
import dev.paykit.testkit.RefundStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The RefundStore contract on PostgreSQL, raced by two app instances with a pool each. */
class PostgresRefundStoreTest extends RefundStoreContract {
  @RegisterExtension static final TestDatabase database = TestDatabase.postgres();

  @Override
  protected RefundStore newStore() {
    return database.first(RefundStore.class);
  }

  @Override
  protected RefundStore secondInstance() {
    return database.second(RefundStore.class);
  }
}
