package dev.paykit.bench.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Fills a schema with {@code rows} payments of past days, as a shop that has been running a while
 * has them: each payment with its history (two or three entries), its completed idempotency key and
 * its processed webhook. One {@code INSERT ... SELECT generate_series} per table, then {@code
 * VACUUM ANALYZE}, so the planner knows the tables as it would know long-lived ones.
 */
public final class GrowthFill {
  private GrowthFill() {}

  private static final String PAYMENTS =
      "insert into payments (id, idempotency_key, external_id, amount_minor, currency,"
          + " description, metadata, success_url, cancel_url, expires_in, state, failure_reason,"
          + " decline_code, failure_detail, transaction_id, checkout_url, created_at, updated_at,"
          + " version)"
          + " select 'pay_fill_' || g, 'key-fill-' || g, 'order-fill-' || g, 1050, 'EUR',"
          + " 'Two concert tickets', '{\"cartId\":\"c-19\",\"channel\":\"web\"}',"
          + " 'https://shop.example/pay/return', 'https://shop.example/pay/cancel', 'PT15M',"
          // Mostly settled; 1 % still waiting for the customer, as on a live shop.
          + " case when g % 100 = 0 then 'STARTED' when g % 10 = 1 then 'FAILED'"
          + " when g % 10 = 2 then 'CANCELLED' when g % 10 = 3 then 'EXPIRED'"
          + " else 'SUCCEEDED' end,"
          + " case when g % 100 <> 0 and g % 10 = 1 then 'DECLINED'"
          + " when g % 100 <> 0 and g % 10 = 2 then 'CUSTOMER_CANCELLED' end,"
          + " case when g % 100 <> 0 and g % 10 = 1 then 'do_not_honor' end, null,"
          + " 'tx_fill_' || g, 'https://provider.example/checkout/tx_fill_' || g,"
          + " ts, ts + interval '60 seconds', case when g % 100 = 0 then 1 else 2 end"
          + " from generate_series(1, ?) g,"
          + " lateral (select now() - interval '30 days' + g * (interval '25 days' / ?)) t(ts)";

  private static final String HISTORY =
      "insert into payment_history (payment_id, sequence_no, from_state, reported, outcome,"
          + " source, occurred_at, event_id, request_id, detail)"
          + " select p.id, s.n, case s.n when 0 then null when 1 then 'CREATED' else 'STARTED' end,"
          + " case s.n when 0 then 'CREATED' when 1 then 'STARTED' else p.state end, 'APPLIED',"
          + " case s.n when 0 then 'LOCAL' when 1 then 'PROVIDER_RESPONSE' else 'WEBHOOK' end,"
          + " p.created_at + s.n * interval '20 seconds',"
          + " case when s.n = 2 then 'evt_fill_' || substr(p.id, 10) end,"
          + " case when s.n = 1 then 'req_fill' end, null"
          + " from payments p cross join generate_series(0, 2) s(n) where s.n <= p.version";

  private static final String KEYS =
      "insert into idempotency_keys (scope, idem_key, fingerprint, state, result_ref,"
          + " locked_until, expires_at, created_at)"
          + " select 'payment.create', idempotency_key, md5(id) || md5(external_id), 'COMPLETED',"
          + " id, created_at + interval '60 seconds', now() + interval '12 hours', created_at"
          + " from payments";

  private static final String INBOX =
      "insert into webhook_inbox (event_id, event_type, payload, status, attempts, received_at,"
          + " next_attempt_at, claim_token, claimed_until, last_error, processed_at)"
          + " select 'evt_fill_' || substr(id, 10), 'payment.status_changed',"
          + " '{\"id\":\"evt_fill_' || substr(id, 10) || '\",\"type\":\"payment.status_changed\","
          + "\"createdAt\":\"2026-01-01T00:00:00Z\",\"data\":{\"transactionId\":\"'"
          + " || transaction_id || '\",\"status\":\"confirmed\",\"amount\":{\"value\":1050,"
          + "\"currency\":\"EUR\"},\"externalId\":\"' || external_id || '\",\"metadata\":"
          + "{\"cartId\":\"c-19\",\"channel\":\"web\"},\"checkoutUrl\":\"' || checkout_url"
          + " || '\",\"failure\":null,\"createdAt\":\"2026-01-01T00:00:00Z\",\"updatedAt\":"
          + "\"2026-01-01T00:00:00Z\",\"expiresAt\":\"2026-01-01T00:15:00Z\"}}',"
          + " 'PROCESSED', 1, updated_at, updated_at, null, null, null,"
          + " updated_at + interval '1 second'"
          + " from payments where version = 2";

  /** Fills the schema's empty tables; returns how long the inserts and the vacuum took. */
  public static Duration fill(PostgresSchema schema, long rows) throws SQLException {
    long start = System.nanoTime();
    try (Connection c = schema.connect()) {
      try (PreparedStatement payments = c.prepareStatement(PAYMENTS)) {
        payments.setLong(1, rows);
        payments.setLong(2, rows);
        payments.executeUpdate();
      }
      try (Statement s = c.createStatement()) {
        s.executeUpdate(HISTORY);
        s.executeUpdate(KEYS);
        s.executeUpdate(INBOX);
        s.execute("vacuum analyze payments, payment_history, idempotency_keys, webhook_inbox");
      }
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
