package dev.paykit.adapter.jdbc;

import dev.paykit.port.out.PaymentStore;
import dev.paykit.testkit.PaymentStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The PaymentStore contract on H2 in PostgreSQL mode, raced by two app instances with a pool each.
 */
class H2PaymentStoreTest extends PaymentStoreContract {
  @RegisterExtension static final TestDatabase database = TestDatabase.h2();

  @Override
  protected PaymentStore newStore() {
    return database.first(PaymentStore.class);
  }

  @Override
  protected PaymentStore secondInstance() {
    return database.second(PaymentStore.class);
  }
}
