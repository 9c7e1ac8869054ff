package dev.paykit.adapter.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresHostMigrationsTest extends HostMigrationsContract {
  @RegisterExtension final FreshDatabase database = FreshDatabase.postgres();

  @Override
  protected FreshDatabase database() {
    return database;
  }
}
