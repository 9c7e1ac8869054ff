package dev.paykit.adapter.jdbc;

import dev.paykit.core.flows.SeveralProvidersContract;
import dev.paykit.port.out.Stores;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two providers in one core, end to end through the real services, on PostgreSQL. */
class PostgresSeveralProvidersTest extends SeveralProvidersContract {
  @RegisterExtension static final TestDatabase database = TestDatabase.postgres();

  @Override
  protected Stores newStores() {
    return database.first(Stores.class);
  }
}
