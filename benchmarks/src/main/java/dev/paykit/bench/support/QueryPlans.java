package dev.paykit.bench.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How PostgreSQL executes the stores' queries on a filled schema: the scans of each plan, so that a
 * query that reads a whole table instead of an index shows up beside the growth figures. The
 * statements are the stores' own, with values of a payment from the middle of the fill.
 */
public final class QueryPlans {
  private static final Pattern SCAN =
      Pattern.compile(
          "((?:Parallel )?(?:Seq|Index|Index Only|Bitmap Heap|Bitmap Index) Scan"
              + "(?: using \\w+)?(?: on \\w+)?)");

  private QueryPlans() {}

  /** The queries a create and a webhook's processing run, by what they are for. */
  static Map<String, String> queries(long rows) {
    long g = Math.max(1, rows / 2);
    String id = "'pay_fill_" + g + "'";
    Map<String, String> q = new LinkedHashMap<>();
    q.put(
        "order check (findByExternalId)",
        "select id from payments where external_id = 'order-fill-"
            + g
            + "'"
            + " order by created_at, id");
    q.put(
        "payment by id (findById)",
        "select id from payments where id = " + id + " order by created_at, id limit 1");
    q.put(
        "history of a payment",
        "select sequence_no from payment_history where payment_id in ("
            + id
            + ")"
            + " order by payment_id, sequence_no");
    q.put(
        "optimistic update",
        "update payments set version = version + 1 where id = " + id + " and version = 99");
    q.put(
        "complete key",
        "update idempotency_keys set state = 'COMPLETED' where scope = 'payment.create'"
            + " and idem_key = 'key-fill-"
            + g
            + "' and state = 'IN_PROGRESS'");
    q.put(
        "payment by transaction (webhook processing)",
        "select id from payments where transaction_id = 'tx_fill_"
            + g
            + "'"
            + " order by created_at, id limit 1");
    q.put(
        "inbox claim (workers)",
        "select event_id from webhook_inbox where (status = 'PENDING' and next_attempt_at <= now())"
            + " or (status = 'PROCESSING' and claimed_until <= now())"
            + " order by received_at, event_id limit 50 for update skip locked");
    q.put(
        "stale payments (reconciler)",
        "select id from payments where state in ('CREATED', 'SUBMITTED')"
            + " and updated_at < now() - interval '1 minute' order by updated_at, id limit 100");
    return q;
  }

  /** Each query's scans, e.g. {@code Index Scan using payments_pk on payments}. */
  public static Map<String, String> scans(PostgresSchema schema, long rows) throws SQLException {
    Map<String, String> result = new LinkedHashMap<>();
    try (Connection c = schema.connect();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      for (Map.Entry<String, String> q : queries(rows).entrySet()) {
        List<String> found = new ArrayList<>();
        try (ResultSet plan = s.executeQuery("explain " + q.getValue())) {
          while (plan.next()) {
            Matcher m = SCAN.matcher(plan.getString(1));
            if (m.find()) {
              found.add(m.group(1));
            }
          }
        }
        result.put(q.getKey(), found.isEmpty() ? "(no scan)" : String.join(" + ", found));
      }
      c.rollback();
    }
    return result;
  }

  public static boolean readsWholeTable(String scans) {
    return scans.contains("Seq Scan");
  }
}
