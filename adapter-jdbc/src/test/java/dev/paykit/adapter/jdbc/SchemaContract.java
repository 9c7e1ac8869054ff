package dev.paykit.adapter.jdbc;

import static dev.paykit.testkit.PaymentSamples.created;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.paykit.domain.payment.Payment;
import dev.paykit.port.out.PaymentStore;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/** What the migrations leave behind, the same on both databases. */
abstract class SchemaContract {
  private static final Instant T0 = Instant.parse("2026-03-02T09:15:30Z");

  protected abstract TestDatabase database();

  @Test
  void every_migration_is_applied_once_and_a_restart_applies_none_and_keeps_the_data() {
    Payment payment = created("pay_1", "order-1", T0);
    database().first(PaymentStore.class).insert(payment);

    Injector restarted = Guice.createInjector(new JdbcStoreModule(database().settings()));
    try {
      assertThat(restarted.getInstance(PaymentStore.class).findById(payment.id()))
          .contains(payment);
    } finally {
      restarted.getInstance(JdbcStores.class).close();
    }

    List<String> applied =
        database()
            .jdbi()
            .withHandle(
                handle ->
                    handle
                        .createQuery(
                            "select version from "
                                + PaykitMigrations.HISTORY_TABLE
                                + " where version is not null and success order by installed_rank")
                        .mapTo(String.class)
                        .list());
    assertThat(applied).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9");
  }

  @Test
  void every_lookup_the_stores_make_has_an_index_that_starts_with_its_columns()
      throws SQLException {
    Map<String, List<List<String>>> indexes =
        database()
            .jdbi()
            .withHandle(
                handle ->
                    Map.ofEntries(
                        Map.entry("payments", indexesOf(handle, "payments")),
                        Map.entry("payment_history", indexesOf(handle, "payment_history")),
                        Map.entry("idempotency_keys", indexesOf(handle, "idempotency_keys")),
                        Map.entry("webhook_inbox", indexesOf(handle, "webhook_inbox")),
                        Map.entry("refunds", indexesOf(handle, "refunds")),
                        Map.entry("outbox_events", indexesOf(handle, "outbox_events")),
                        Map.entry("outbox_sequences", indexesOf(handle, "outbox_sequences")),
                        Map.entry("disputes", indexesOf(handle, "disputes")),
                        Map.entry("dispute_history", indexesOf(handle, "dispute_history")),
                        Map.entry("subscriptions", indexesOf(handle, "subscriptions")),
                        Map.entry(
                            "subscription_history", indexesOf(handle, "subscription_history"))));

    assertThat(indexes.get("payments"))
        .anySatisfy(columns -> assertThat(columns).startsWith("id"))
        .anySatisfy(columns -> assertThat(columns).startsWith("idempotency_key"))
        .anySatisfy(columns -> assertThat(columns).startsWith("provider", "transaction_id"))
        .anySatisfy(columns -> assertThat(columns).startsWith("external_id", "created_at"))
        .anySatisfy(columns -> assertThat(columns).startsWith("state", "last_news_at"))
        .anySatisfy(columns -> assertThat(columns).startsWith("created_at", "id"));
    assertThat(indexes.get("payment_history"))
        .anySatisfy(columns -> assertThat(columns).startsWith("payment_id", "sequence_no"));
    assertThat(indexes.get("idempotency_keys"))
        .anySatisfy(columns -> assertThat(columns).startsWith("scope", "idem_key"))
        .anySatisfy(columns -> assertThat(columns).startsWith("expires_at"));
    assertThat(indexes.get("webhook_inbox"))
        .anySatisfy(columns -> assertThat(columns).startsWith("provider", "event_id"))
        .anySatisfy(columns -> assertThat(columns).startsWith("status", "next_attempt_at"))
        .anySatisfy(columns -> assertThat(columns).startsWith("status", "claimed_until"))
        .anySatisfy(columns -> assertThat(columns).startsWith("status", "received_at"))
        .anySatisfy(columns -> assertThat(columns).startsWith("status", "processed_at"));
    assertThat(indexes.get("refunds"))
        .anySatisfy(columns -> assertThat(columns).startsWith("id"))
        .anySatisfy(columns -> assertThat(columns).startsWith("idempotency_key"))
        .anySatisfy(columns -> assertThat(columns).startsWith("payment_id", "created_at"))
        .anySatisfy(columns -> assertThat(columns).startsWith("provider_refund_id"))
        .anySatisfy(columns -> assertThat(columns).startsWith("state", "updated_at"));
    // The claim's head test, and the backlog and the dead letters by status, oldest first.
    assertThat(indexes.get("outbox_events"))
        .anySatisfy(columns -> assertThat(columns).startsWith("id"))
        .anySatisfy(columns -> assertThat(columns).startsWith("payment_id", "sequence_no"))
        .anySatisfy(columns -> assertThat(columns).startsWith("status", "occurred_at"));
    assertThat(indexes.get("outbox_sequences"))
        .anySatisfy(columns -> assertThat(columns).startsWith("payment_id"));
    assertThat(indexes.get("disputes"))
        .anySatisfy(columns -> assertThat(columns).startsWith("id"))
        .anySatisfy(columns -> assertThat(columns).startsWith("payment_id", "created_at"))
        .anySatisfy(columns -> assertThat(columns).startsWith("state", "last_news_at"))
        .anySatisfy(columns -> assertThat(columns).startsWith("evidence_due_by"));
    assertThat(indexes.get("dispute_history"))
        .anySatisfy(columns -> assertThat(columns).startsWith("dispute_id", "sequence_no"));
    assertThat(indexes.get("subscriptions"))
        .anySatisfy(columns -> assertThat(columns).startsWith("id"))
        .anySatisfy(columns -> assertThat(columns).startsWith("wake_at"));
    assertThat(indexes.get("subscription_history"))
        .anySatisfy(columns -> assertThat(columns).startsWith("subscription_id", "sequence_no"));
  }

  @Test
  void the_history_keeps_one_row_per_step_and_refuses_a_second() {
    Payment payment = created("pay_1", "order-1", T0);
    database().first(PaymentStore.class).insert(payment);

    Throwable failure =
        catchThrowable(
            () ->
                database()
                    .jdbi()
                    .useHandle(
                        handle ->
                            handle.execute(
                                "insert into payment_history (payment_id, sequence_no, reported,"
                                    + " outcome, source, occurred_at) values ('pay_1', 0,"
                                    + " 'SUCCEEDED', 'APPLIED', 'LOCAL', current_timestamp)")));

    assertThat(UniqueViolation.constraint(failure)).contains("payment_history_pk");
    assertThat(database().first(PaymentStore.class).findById(payment.id())).contains(payment);
  }

  @Test
  void a_history_row_is_repeated_exactly_when_it_has_a_last_seen_time() {
    Payment payment = created("pay_1", "order-1", T0);
    database().first(PaymentStore.class).insert(payment);

    for (String set :
        List.of(
            "repeats = 1",
            "last_seen_at = current_timestamp",
            "repeats = -1, last_seen_at = current_timestamp")) {
      Throwable failure =
          catchThrowable(
              () ->
                  database()
                      .jdbi()
                      .useHandle(handle -> handle.execute("update payment_history set " + set)));

      // A check violation: 23514 on PostgreSQL, 23513 on H2.
      assertThat(failure).as(set).hasRootCauseInstanceOf(SQLException.class);
      assertThat(((SQLException) failure.getCause()).getSQLState()).as(set).isIn("23513", "23514");
    }
    assertThat(database().first(PaymentStore.class).history(payment.id()))
        .containsExactly(payment.latest());
  }

  /** Each index of {@code table} as its column names in order. */
  private static List<List<String>> indexesOf(Handle handle, String table) throws SQLException {
    Connection connection = handle.getConnection();
    DatabaseMetaData metadata = connection.getMetaData();
    Map<String, List<String>> byName = new LinkedHashMap<>();
    try (ResultSet rows =
        metadata.getIndexInfo(null, connection.getSchema(), table, false, false)) {
      while (rows.next()) {
        String index = rows.getString("INDEX_NAME");
        String column = rows.getString("COLUMN_NAME");
        if (index != null && column != null) {
          byName.computeIfAbsent(index, name -> new ArrayList<>()).add(column.toLowerCase());
        }
      }
    }
    return new ArrayList<>(byName.values());
  }
}
