package dev.paykit.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's lines on the JDBC stores and their migrations, as code that runs on a host's own H2
 * pool. ReadmeTest checks that the README shows exactly these lines.
 */
class JdbcExamplesTest {
  @RegisterExtension final FreshDatabase database = FreshDatabase.h2();

  @Test
  void the_stores_run_on_the_hosts_data_source_and_leave_it_open() throws Exception {
    DataSource dataSource = database.dataSource();
    // README: on your DataSource
    JdbcStores stores = JdbcStores.on(dataSource);
    // README: end
    stores.close();
    try (var connection = dataSource.getConnection()) {
      assertThat(connection.isValid(1)).isTrue();
    }
  }

  @Test
  void the_stores_run_in_a_schema_of_their_own() {
    DataSource dataSource = database.dataSource();
    String schema = database.newSchemaName();
    // README: in a schema of their own
    JdbcStores stores = JdbcStores.on(dataSource, JdbcOptions.defaults().inSchema(schema));
    // README: end
    try (stores) {
      assertThat(stores.schema()).isEqualTo(schema);
    }
  }

  @Test
  void the_stores_open_a_pool_of_their_own_from_the_environment() {
    Map<String, String> env =
        Map.of(JdbcSettings.URL_VARIABLE, JdbcSettings.inMemory("examples").url());
    // README: a pool of their own
    JdbcStores stores = JdbcStores.open(JdbcSettings.fromEnvironment(env));
    // README: end
    stores.close();
  }

  @Test
  void paykits_migrations_run_first_and_the_hosts_flyway_after_them() {
    DataSource dataSource = database.dataSource();
    String schema = database.newSchemaName();
    // README: migrations
    PaykitMigrations.migrate(dataSource); // the connections' current schema
    PaykitMigrations.migrate(dataSource, schema); // a schema of its own, created if missing
    // README: end
    // README: the host's Flyway after Paykit's
    Flyway.configure()
        .dataSource(dataSource)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
    // README: end
    assertThat(PaykitMigrations.migrate(dataSource).migrationsApplied()).isZero();
    assertThat(Flyway.configure().dataSource(dataSource).load().info().applied())
        .extracting(migration -> migration.getVersion().getVersion())
        .contains("1", "2");
  }
}
