package dev.paykit.adapter.jdbc;

import static dev.paykit.testkit.PaymentSamples.created;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.paykit.domain.payment.Payment;
import dev.paykit.port.out.DisputeStore;
import dev.paykit.port.out.IdempotencyStore;
import dev.paykit.port.out.Outbox;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.RefundStore;
import dev.paykit.port.out.Secret;
import dev.paykit.port.out.Stores;
import dev.paykit.port.out.UnitOfWork;
import dev.paykit.port.out.WebhookInbox;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcStoreModuleTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:15:30Z");

  @Test
  void the_module_binds_every_store_port_and_the_unit_of_work_to_one_family_of_jdbc_stores() {
    Injector injector = Guice.createInjector(new JdbcStoreModule(inMemory()));
    try {
      assertThat(injector.getInstance(PaymentStore.class))
          .isInstanceOf(JdbiPaymentStore.class)
          .isSameAs(injector.getInstance(PaymentStore.class));
      assertThat(injector.getInstance(IdempotencyStore.class))
          .isInstanceOf(JdbiIdempotencyStore.class);
      assertThat(injector.getInstance(WebhookInbox.class)).isInstanceOf(JdbiWebhookInbox.class);
      assertThat(injector.getInstance(RefundStore.class)).isInstanceOf(JdbiRefundStore.class);
      assertThat(injector.getInstance(DisputeStore.class)).isInstanceOf(JdbiDisputeStore.class);
      assertThat(injector.getInstance(Outbox.class)).isInstanceOf(JdbiOutbox.class);
      JdbcStores stores = injector.getInstance(JdbcStores.class);
      assertThat(injector.getInstance(Stores.class)).isSameAs(stores);
      assertThat(injector.getInstance(UnitOfWork.class))
          .isInstanceOf(JdbiUnitOfWork.class)
          .isSameAs(stores.unitOfWork());
      assertThat(injector.getInstance(PaymentStore.class)).isSameAs(stores.payments());
      assertThat(injector.getInstance(IdempotencyStore.class)).isSameAs(stores.idempotencyKeys());
      assertThat(injector.getInstance(WebhookInbox.class)).isSameAs(stores.inbox());
      assertThat(injector.getInstance(RefundStore.class)).isSameAs(stores.refunds());
      assertThat(injector.getInstance(DisputeStore.class)).isSameAs(stores.disputes());
      assertThat(injector.getInstance(Outbox.class)).isSameAs(stores.outbox());
    } finally {
      injector.getInstance(HikariDataSource.class).close();
    }
  }

  @Test
  void the_embedded_database_keeps_payments_across_a_restart(@TempDir Path directory) {
    JdbcSettings settings = JdbcSettings.embedded(directory);
    Payment payment = created("pay_kept", "order-kept", T0);
    Injector before = Guice.createInjector(new JdbcStoreModule(settings));
    before.getInstance(PaymentStore.class).insert(payment);
    before.getInstance(HikariDataSource.class).close();

    Injector after = Guice.createInjector(new JdbcStoreModule(settings));
    try {
      assertThat(after.getInstance(PaymentStore.class).findById(payment.id())).contains(payment);
    } finally {
      after.getInstance(HikariDataSource.class).close();
    }
  }

  @Test
  void a_wrong_password_stops_the_start_up_without_showing_the_password() {
    JdbcSettings owner = new JdbcSettings(inMemory().url(), "paykit", Secret.of("right-Pa55"), 2);
    Injector injector = Guice.createInjector(new JdbcStoreModule(owner));
    try {
      JdbcSettings intruder = new JdbcSettings(owner.url(), "paykit", Secret.of("wrong-Pa55"), 2);

      assertThatThrownBy(() -> Guice.createInjector(new JdbcStoreModule(intruder)))
          .satisfies(
              failure ->
                  assertThat(stackTraceOf(failure))
                      .contains("Wrong user name or password")
                      .doesNotContain("wrong-Pa55")
                      .doesNotContain("right-Pa55"));
    } finally {
      injector.getInstance(HikariDataSource.class).close();
    }
  }

  @Test
  void on_the_applications_data_source_the_module_binds_beside_its_own_data_source_and_jdbi() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(inMemory().url());
    try (HikariDataSource pool = new HikariDataSource(config)) {
      Jdbi applications = Jdbi.create(pool);
      Injector injector =
          Guice.createInjector(
              JdbcStoreModule.on(pool, JdbcOptions.defaults()),
              binder -> {
                binder.bind(DataSource.class).toInstance(pool);
                binder.bind(Jdbi.class).toInstance(applications);
              });
      Payment payment = created("pay_1", "order-1", T0);

      injector.getInstance(PaymentStore.class).insert(payment);
      assertThat(injector.getInstance(PaymentStore.class).findById(payment.id())).contains(payment);
      assertThat(injector.getInstance(Jdbi.class)).isSameAs(applications);
      assertThat(injector.getExistingBinding(Key.get(HikariDataSource.class))).isNull();

      injector.getInstance(JdbcStores.class).close();
      assertThat(pool.isClosed()).isFalse();
    }
  }

  private static JdbcSettings inMemory() {
    return JdbcSettings.inMemory("paykit_module_" + UUID.randomUUID().toString().replace("-", ""));
  }

  private static String stackTraceOf(Throwable failure) {
    StringWriter text = new StringWriter();
    failure.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
