package dev.paykit.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.out.StoreConflictException;
import dev.paykit.port.shared.InboxEvent;
import dev.paykit.testkit.PaymentSamples;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An application on H2 alone: its build has no PostgreSQL driver, which the adapter only compiles
 * against. Run by the pom's {@code without-postgresql-driver} execution, whose class path leaves
 * the driver out; the default execution skips it.
 */
class WithoutPostgresDriverTest {
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  @Test
  void the_class_path_of_this_test_has_no_postgresql_driver() {
    assertThatThrownBy(() -> Class.forName("org.postgresql.Driver"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void the_stores_migrate_store_refuse_a_duplicate_and_claim_on_h2_alone() {
    JdbcSettings settings = JdbcSettings.inMemory("no-pg-" + UUID.randomUUID());
    Payment payment = PaymentSamples.created("pay_1", "order-1", T0);

    try (JdbcStores stores = JdbcStores.open(settings)) {
      stores.payments().insert(payment);

      assertThat(stores.payments().findById(payment.id())).contains(payment);
      Payment sameId = PaymentSamples.created("pay_1", "order-2", T0);
      assertThatThrownBy(() -> stores.payments().insert(sameId))
          .isInstanceOfSatisfying(
              StoreConflictException.class,
              e -> assertThat(e.kind()).isEqualTo(StoreConflictException.Kind.DUPLICATE_ID));
      stores.inbox().insert(InboxEvent.received(new EventId("evt_1"), "t", "{}", T0));
      assertThat(stores.inbox().claim(T0, 10, Duration.ofSeconds(30), 3)).hasSize(1);
    }
  }
}
