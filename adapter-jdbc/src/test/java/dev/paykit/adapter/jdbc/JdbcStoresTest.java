package dev.paykit.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paykit.domain.payment.Payment;
import dev.paykit.port.out.Secret;
import dev.paykit.testkit.PaymentSamples;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JdbcStoresTest {
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
}
