package dev.paykit.adapter.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class H2OutboxDetailsTest extends OutboxDetailsContract {
  @RegisterExtension static final TestDatabase database = TestDatabase.h2();

  @Override
  protected TestDatabase database() {
    return database;
  }
}
