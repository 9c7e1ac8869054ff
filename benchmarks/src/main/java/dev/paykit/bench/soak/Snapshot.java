package dev.paykit.bench.soak;

import dev.paykit.bench.harness.PaykitStores;
import dev.paykit.bench.support.PostgresSchema;
import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.sandbox.SandboxPayment;
import dev.paykit.sandbox.SandboxProvider;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what the invariants check: the database's payments and inbox, each payment's history as
 * {@code PaymentStore.history} gives it, the provider's payments and ledger; and for the shop's
 * invariants, the outbox and the shop's own tables.
 */
final class Snapshot {
  private Snapshot() {}

  static Invariants.Data take(
      PostgresSchema schema, SandboxProvider sandbox, Set<String> mustNeverBeStored, long breaches)
      throws SQLException {
    List<Invariants.LocalPayment> payments = new ArrayList<>();
    List<Invariants.HistoryRow> history = new ArrayList<>();
    List<Invariants.InboxRow> inbox = new ArrayList<>();
    try (Connection c = schema.connect();
        Statement s = c.createStatement()) {
      try (ResultSet r =
          s.executeQuery(
              "select id, idempotency_key, external_id, state, transaction_id from payments")) {
        while (r.next()) {
          payments.add(
              new Invariants.LocalPayment(
                  r.getString(1),
                  r.getString(2),
                  r.getString(3),
                  PaymentState.valueOf(r.getString(4)),
                  r.getString(5)));
        }
      }
      try (ResultSet r = s.executeQuery("select event_id, status from webhook_inbox")) {
        while (r.next()) {
          inbox.add(new Invariants.InboxRow(r.getString(1), r.getString(2)));
        }
      }
    }
    // The audit trail as the store gives it to its callers, not as rows: what a reader of the
    // history is shown is what must hold.
    try (PaykitStores stores = PaykitStores.postgres(schema, 2)) {
      for (Invariants.LocalPayment payment : payments) {
        for (HistoryEntry e : stores.payments().history(new PaymentId(payment.id()))) {
          history.add(
              new Invariants.HistoryRow(
                  payment.id(),
                  e.sequence(),
                  e.from(),
                  e.reported(),
                  e.outcome(),
                  e.source(),
                  e.eventId(),
                  e.repeats()));
        }
      }
    }
    List<Invariants.ProviderRow> provider = new ArrayList<>();
    for (SandboxPayment p : sandbox.payments()) {
      provider.add(
          new Invariants.ProviderRow(
              p.transactionId(),
              p.idempotencyKey(),
              p.externalId(),
              p.status().wireName(),
              p.failure() == null ? null : p.failure().reason()));
    }
    Map<String, Integer> perKey = new HashMap<>();
    sandbox.ledger().byIdempotencyKey().forEach((key, entry) -> perKey.put(key, entry.payments()));
    return new Invariants.Data(
        payments, history, provider, perKey, inbox, mustNeverBeStored, breaches);
  }

  /** Reads what the shop's invariants check: Paykit's outbox and the shop's own tables. */
  static ShopInvariants.Data shop(PostgresSchema schema, List<Invariants.LocalPayment> payments)
      throws SQLException {
    List<ShopInvariants.OutboxRow> outbox = new ArrayList<>();
    List<ShopInvariants.HandledRow> handled = new ArrayList<>();
    List<ShopInvariants.FulfilmentRow> fulfilments = new ArrayList<>();
    try (Connection c = schema.connect();
        Statement s = c.createStatement()) {
      try (ResultSet r =
          s.executeQuery("select id, payment_id, sequence_no, status from outbox_events")) {
        while (r.next()) {
          outbox.add(
              new ShopInvariants.OutboxRow(
                  r.getString(1), r.getString(2), r.getLong(3), r.getString(4)));
        }
      }
      try (ResultSet r =
          s.executeQuery(
              "select event_id, payment_id, sequence_no, handled_order from shop_handled_events")) {
        while (r.next()) {
          handled.add(
              new ShopInvariants.HandledRow(
                  r.getString(1), r.getString(2), r.getLong(3), r.getLong(4)));
        }
      }
      try (ResultSet r =
          s.executeQuery("select order_id, payment_id, event_id from shop_fulfilments")) {
        while (r.next()) {
          fulfilments.add(
              new ShopInvariants.FulfilmentRow(r.getString(1), r.getString(2), r.getString(3)));
        }
      }
    }
    return new ShopInvariants.Data(payments, outbox, handled, fulfilments);
  }
}
