package dev.paykit.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.paykit.domain.payment.Payment;
import dev.paykit.port.out.Secret;
import dev.paykit.testkit.PaymentSamples;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JdbcStoresTest {
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  @Test
  void opens_a_migrated_schema_without_a_container_and_keeps_what_is_stored() {
    JdbcSettings settings = JdbcSettings.inMemory("stores-" + UUID.randomUUID());
    Payment payment =
        PaymentSamples.created("pay_1", "order-1", Instant.parse("2026-11-24T10:00:00Z"));

    try (JdbcStores stores = JdbcStores.open(settings)) {
      stores.payments().insert(payment);
      assertThat(stores.payments().findById(payment.id())).contains(payment);
    }
  }

  @Test
  void a_database_that_cannot_be_reached_fails_at_open_without_showing_the_password() {
    JdbcSettings unreachable =
        new JdbcSettings(
            "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1",
            "paykit",
            Secret.of("s3cret-pw"),
            1);

    assertThatThrownBy(() -> JdbcStores.open(unreachable))
        .satisfies(e -> assertThat(String.valueOf(e.getMessage())).doesNotContain("s3cret-pw"));
  }

  @Test
  void on_the_applications_data_source_the_stores_work_and_closing_them_leaves_it_open()
      throws SQLException {
    try (HikariDataSource pool = applicationPool()) {
      Payment payment = PaymentSamples.created("pay_1", "order-1", T0);

      try (JdbcStores stores = JdbcStores.on(pool)) {
        stores.payments().insert(payment);
        assertThat(stores.payments().findById(payment.id())).contains(payment);
      }

      assertThat(pool.isClosed()).isFalse();
      try (Connection connection = pool.getConnection()) {
        assertThat(connection.isValid(1)).isTrue();
      }
    }
  }

  @Test
  void stores_on_their_own_pool_in_a_schema_of_their_own_create_it_and_keep_their_tables_there() {
    JdbcSettings settings = JdbcSettings.inMemory("stores-" + UUID.randomUUID());
    Payment payment = PaymentSamples.created("pay_1", "order-1", T0);

    try (JdbcStores stores = JdbcStores.open(settings, JdbcOptions.defaults().inSchema("paykit"))) {
      stores.payments().insert(payment);

      assertThat(stores.schema()).isEqualTo("paykit");
      List<String> ids =
          stores
              .jdbi()
              .withHandle(
                  handle ->
                      handle
                          .createQuery("select id from paykit.payments")
                          .mapTo(String.class)
                          .list());
      assertThat(ids).containsExactly("pay_1");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"Paykit", "paykit; drop schema public", "1paykit", ""})
  void a_schema_name_that_is_not_a_plain_lower_case_name_is_refused_naming_the_schema(
      String schema) {
    assertThatThrownBy(() -> JdbcOptions.defaults().inSchema(schema))
        .isInstanceOfSatisfying(
            JdbcSetupException.class,
            e -> {
              assertThat(e.code()).isEqualTo("invalid_setting");
              assertThat(e.subject()).isEqualTo("schema");
            })
        .hasMessageContaining("lower-case name");
    try (HikariDataSource pool = applicationPool()) {
      assertThatThrownBy(() -> PaykitMigrations.migrate(pool, schema))
          .isInstanceOf(JdbcSetupException.class);
    }
  }

  private static HikariDataSource applicationPool() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(JdbcSettings.inMemory("app-" + UUID.randomUUID()).url());
    config.setMaximumPoolSize(2);
    return new HikariDataSource(config);
  }
}
