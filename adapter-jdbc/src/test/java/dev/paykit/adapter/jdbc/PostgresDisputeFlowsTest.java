package dev.paykit.adapter.jdbc;

import dev.paykit.core.flows.DisputeFlowsContract;
import dev.paykit.port.out.Stores;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every dispute flow, end to end through the real services, on PostgreSQL. */
class PostgresDisputeFlowsTest extends DisputeFlowsContract {
  @RegisterExtension static final TestDatabase database = TestDatabase.postgres();

  @Override
  protected Stores newStores() {
    return database.first(Stores.class);
  }
}
