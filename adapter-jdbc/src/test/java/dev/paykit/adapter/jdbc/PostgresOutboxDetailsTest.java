package dev.paykit.adapter.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresOutboxDetailsTest extends OutboxDetailsContract {
  @RegisterExtension static final TestDatabase database = TestDatabase.postgres();

  @Override
  protected TestDatabase database() {
    return database;
  }
}
