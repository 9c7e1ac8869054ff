package dev.paykit.adapter.jdbc;

import dev.paykit.port.out.SubscriptionStore;
import dev.paykit.testkit.SubscriptionStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SubscriptionStore contract on PostgreSQL, raced by two app instances with a pool each. */
class PostgresSubscriptionStoreTest extends SubscriptionStoreContract {
  @RegisterExtension static final TestDatabase database = TestDatabase.postgres();

  @Override
  protected SubscriptionStore newStore() {
    return database.first(SubscriptionStore.class);
  }

  @Override
  protected SubscriptionStore secondInstance() {
    return database.second(SubscriptionStore.class);
  }
}
