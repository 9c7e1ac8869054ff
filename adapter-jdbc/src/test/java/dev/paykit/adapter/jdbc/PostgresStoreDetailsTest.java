package dev.paykit.adapter.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresStoreDetailsTest extends StoreDetailsContract {
  @RegisterExtension static final TestDatabase database = TestDatabase.postgres();

  @Override
  protected TestDatabase database() {
    return database;
  }
}
