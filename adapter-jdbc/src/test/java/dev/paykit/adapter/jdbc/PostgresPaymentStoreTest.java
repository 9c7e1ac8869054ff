package dev.paykit.adapter.jdbc;

import dev.paykit.port.out.PaymentStore;
import dev.paykit.testkit.PaymentStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PaymentStore contract on PostgreSQL, raced by two app instances with a pool each. */
class PostgresPaymentStoreTest extends PaymentStoreContract {
  @RegisterExtension static final TestDatabase database = TestDatabase.postgres();

  @Override
  protected PaymentStore newStore() {
    return database.first(PaymentStore.class);
  }

  @Override
  protected PaymentStore secondInstance() {
    return database.second(PaymentStore.class);
  }
}
