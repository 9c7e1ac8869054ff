package dev.paykit.adapter.jdbc;

import dev.paykit.port.out.Stores;
import dev.paykit.testkit.OutboxContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Outbox contract on H2 in PostgreSQL mode, raced by two app instances with a pool each. */
class H2OutboxTest extends OutboxContract {
  @RegisterExtension static final TestDatabase database = TestDatabase.h2();

  @Override
  protected Stores newStores() {
    return database.first(Stores.class);
  }

  @Override
  protected Stores secondInstance() {
    return database.second(Stores.class);
  }
}
