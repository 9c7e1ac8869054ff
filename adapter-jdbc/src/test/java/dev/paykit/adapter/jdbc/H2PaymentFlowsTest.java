package dev.paykit.adapter.jdbc;

import dev.paykit.core.flows.PaymentFlowsContract;
import dev.paykit.port.out.Stores;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every payment flow, end to end through the real services, on H2 in PostgreSQL mode. */
class H2PaymentFlowsTest extends PaymentFlowsContract {
  @RegisterExtension static final TestDatabase database = TestDatabase.h2();

  @Override
  protected Stores newStores() {
    return database.first(Stores.class);
  }
}
