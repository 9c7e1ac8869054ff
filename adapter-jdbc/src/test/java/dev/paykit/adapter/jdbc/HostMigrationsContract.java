package dev.paykit.adapter.jdbc;

import static dev.paykit.testkit.PaymentSamples.created;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paykit.domain.payment.Payment;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * A host application that migrates its own tables with Flyway as Flyway comes (history in {@code
 * flyway_schema_history}, scripts V1 and V2 in {@code db/migration}), in the same database and
 * schema as Paykit's tables, with Paykit's migrations run before or after its own, and again.
 */
abstract class HostMigrationsContract {
  private static final Instant T0 = Instant.parse("2026-03-02T09:15:30Z");

  protected abstract FreshDatabase database();

  private DataSource dataSource() {
    return database().dataSource();
  }

  /** The host's Flyway with every default. */
  private Flyway hostFlyway() {
    return Flyway.configure().dataSource(dataSource()).load();
  }

  /** The host's Flyway as the README tells it to be when Paykit's tables came first. */
  private Flyway hostFlywayAfterPaykit() {
    return Flyway.configure()
        .dataSource(dataSource())
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load();
  }

  @Test
  void the_hosts_migrations_then_paykits_then_both_again_apply_every_version_once() {
    assertThat(hostFlyway().migrate().migrationsExecuted).isEqualTo(2);
    assertThat(PaykitMigrations.migrate(dataSource()).migrationsApplied()).isEqualTo(9);
    assertThat(hostFlyway().migrate().migrationsExecuted).isZero();
    assertThat(PaykitMigrations.migrate(dataSource()).migrationsApplied()).isZero();

    assertThat(versions("flyway_schema_history")).containsExactly("1", "2");
    assertThat(scripts("flyway_schema_history"))
        .containsExactly("V1__shop_orders.sql", "V2__shop_customers.sql");
    // Paykit found the host's tables: its history starts with a baseline at 0, then all of its own.
    assertThat(versions(PaykitMigrations.HISTORY_TABLE))
        .containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    bothWork();
  }

  @Test
  void paykits_migrations_then_the_hosts_baselined_at_0_then_both_again_apply_every_version_once() {
    assertThat(PaykitMigrations.migrate(dataSource()).migrationsApplied()).isEqualTo(9);
    assertThat(hostFlywayAfterPaykit().migrate().migrationsExecuted).isEqualTo(2);
    assertThat(PaykitMigrations.migrate(dataSource()).migrationsApplied()).isZero();
    assertThat(hostFlywayAfterPaykit().migrate().migrationsExecuted).isZero();

    assertThat(versions("flyway_schema_history")).containsExactly("0", "1", "2");
    assertThat(versions(PaykitMigrations.HISTORY_TABLE))
        .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9");
    assertThat(scripts(PaykitMigrations.HISTORY_TABLE))
        .allSatisfy(script -> assertThat(script).doesNotStartWith("V1__shop"));
    bothWork();
  }

  @Test
  void a_host_flyway_without_a_baseline_refuses_a_schema_that_already_holds_paykits_tables() {
    PaykitMigrations.migrate(dataSource());

    assertThatThrownBy(() -> hostFlyway().migrate())
        .isInstanceOf(FlywayException.class)
        .hasMessageContaining("non-empty schema")
        .hasMessageContaining("no schema history table");
  }

  @Test
  void a_host_flyway_baselined_at_the_default_version_would_skip_the_hosts_own_v1()
      throws SQLException {
    PaykitMigrations.migrate(dataSource());

    Flyway.configure().dataSource(dataSource()).baselineOnMigrate(true).load().migrate();

    assertThat(hasTable(database().hostSchema(), "shop_customers")).isTrue();
    assertThat(hasTable(database().hostSchema(), "shop_orders")).isFalse();
  }

  @Test
  void stores_that_migrate_on_start_join_the_hosts_schema_and_leave_its_history_alone() {
    hostFlyway().migrate();

    try (JdbcStores stores = JdbcStores.on(dataSource())) {
      Payment payment = created("pay_1", "order-1", T0);
      stores.payments().insert(payment);
      assertThat(stores.payments().findById(payment.id())).contains(payment);
      assertThat(stores.schema()).isEqualTo(database().hostSchema());
    }

    assertThat(versions("flyway_schema_history")).containsExactly("1", "2");
    assertThat(hostFlyway().migrate().migrationsExecuted).isZero();
  }

  @Test
  void stores_that_do_not_migrate_refuse_to_start_on_a_schema_without_paykits_tables() {
    hostFlyway().migrate();

    assertThatThrownBy(() -> JdbcStores.on(dataSource(), JdbcOptions.defaults().withoutMigrating()))
        .isInstanceOfSatisfying(
            JdbcSetupException.class, e -> assertThat(e.code()).isEqualTo("schema_not_migrated"))
        .hasMessageContaining("schema " + database().hostSchema())
        .hasMessageContaining("PaykitMigrations.migrate");
  }

  @Test
  void paykit_in_a_schema_of_its_own_gives_the_hosts_connections_back_in_the_hosts_schema()
      throws SQLException {
    hostFlyway().migrate();
    String schema = database().newSchemaName();

    assertThat(PaykitMigrations.migrate(dataSource(), schema).migrationsApplied()).isEqualTo(9);
    Payment payment = created("pay_1", "order-1", T0);
    try (JdbcStores stores =
        JdbcStores.on(dataSource(), JdbcOptions.defaults().inSchema(schema).withoutMigrating())) {
      stores.payments().insert(payment);
      assertThat(stores.payments().findById(payment.id())).contains(payment);
      assertThat(stores.schema()).isEqualTo(schema);
    }

    assertThat(schemasOfEveryPooledConnection())
        .containsOnly(database().hostSchema())
        .hasSize(FreshDatabase.POOL_SIZE);
    assertThat(hasTable(schema, "payments")).isTrue();
    assertThat(hasTable(database().hostSchema(), "payments")).isFalse();
    assertThat(hostFlyway().migrate().migrationsExecuted).isZero();
  }

  /** The host's tables and Paykit's stores, both in use on the host's pool. */
  private void bothWork() {
    Jdbi host = Jdbi.create(dataSource());
    host.useHandle(
        handle -> handle.execute("insert into shop_orders (id, total) values ('o-1', 5)"));
    long total =
        host.withHandle(
            handle -> handle.createQuery("select total from shop_orders").mapTo(Long.class).one());
    assertThat(total).isEqualTo(5L);
    try (JdbcStores stores =
        JdbcStores.on(dataSource(), JdbcOptions.defaults().withoutMigrating())) {
      Payment payment = created("pay_1", "order-1", T0);
      stores.payments().insert(payment);
      assertThat(stores.payments().findById(payment.id())).contains(payment);
    }
  }

  private List<String> versions(String historyTable) {
    return column(historyTable, "version");
  }

  private List<String> scripts(String historyTable) {
    return column(historyTable, "script");
  }

  private List<String> column(String historyTable, String column) {
    return Jdbi.create(dataSource())
        .withHandle(
            handle ->
                handle
                    .createQuery(
                        "select "
                            + column
                            + " from "
                            + historyTable
                            + " where version is not null and success order by installed_rank")
                    .mapTo(String.class)
                    .list());
  }

  private boolean hasTable(String schema, String table) throws SQLException {
    try (Connection connection = dataSource().getConnection();
        ResultSet tables = connection.getMetaData().getTables(null, schema, table, null)) {
      return tables.next();
    }
  }

  /** Holds every connection of the host's pool at once and reads each one's current schema. */
  private List<String> schemasOfEveryPooledConnection() throws SQLException {
    List<Connection> held = new ArrayList<>();
    try {
      List<String> schemas = new ArrayList<>();
      for (int i = 0; i < FreshDatabase.POOL_SIZE; i++) {
        Connection connection = dataSource().getConnection();
        held.add(connection);
        schemas.add(connection.getSchema());
      }
      return schemas;
    } finally {
      for (Connection connection : held) {
        connection.close();
      }
    }
  }
}
