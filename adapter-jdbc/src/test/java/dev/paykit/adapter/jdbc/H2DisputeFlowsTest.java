package dev.paykit.adapter.jdbc;

import dev.paykit.core.flows.DisputeFlowsContract;
import dev.paykit.port.out.Stores;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every dispute flow, end to end through the real services, on H2 in PostgreSQL mode. */
class H2DisputeFlowsTest extends DisputeFlowsContract {
  @RegisterExtension static final TestDatabase database = TestDatabase.h2();

  @Override
  protected Stores newStores() {
    return database.first(Stores.class);
  }
}
