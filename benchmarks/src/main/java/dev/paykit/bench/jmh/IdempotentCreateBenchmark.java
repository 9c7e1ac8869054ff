package dev.paykit.bench.jmh;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.zaxxer.hikari.HikariDataSource;
import dev.paykit.adapter.http.JacksonWebhookParser;
import dev.paykit.adapter.http.StandardWebhookVerifier;
import dev.paykit.adapter.inmemory.InMemoryStores;
import dev.paykit.adapter.jdbc.JdbcSettings;
import dev.paykit.adapter.jdbc.JdbcStoreModule;
import dev.paykit.bench.support.PostgresSchema;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.port.in.CreatePayment;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.in.CreatePaymentResult;
import dev.paykit.port.out.Secret;
import dev.paykit.port.out.Stores;
import dev.paykit.service.PaykitCore;
import dev.paykit.service.PaykitSettings;
import dev.paykit.testkit.PaymentSamples;
import dev.paykit.testkit.fake.InstantGateway;
import dev.paykit.testkit.fake.WebhookSigner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Benchmark 3 (and the other half of 6): an idempotent create through {@link CreatePayment} —
 * reserve the key and record the payment, ask the provider (here one that answers at once), record
 * its answer and complete the key — on the in-memory stores, the embedded H2 database and
 * PostgreSQL. Two baselines. The three statements at the heart of that work (insert the key, insert
 * the payment, complete the key) issued bare over JDBC in one transaction on the same pool; for the
 * in-memory stores, the same three steps on bare concurrent maps. And, on the databases, the floor
 * of a create that loses nothing if the process dies during the provider call: two transactions in
 * plain JDBC on the same pool, the first recording the key, the payment, its first history entry
 * and its first outbox event, the second the answer (an update with the version already known, its
 * history entry, its outbox event) and the key's completion. The outbox events are in the floor
 * because they are in the work: the shop learns of the payment from them, so they commit with the
 * changes they tell of.
 */
public class IdempotentCreateBenchmark {

  static final String INSERT_KEY =
      "insert into idempotency_keys (scope, idem_key, fingerprint, state, result_ref,"
          + " locked_until, expires_at, created_at) values ('payment.create', ?, ?, 'IN_PROGRESS',"
          + " ?, ?, ?, ?) on conflict do nothing";
  static final String INSERT_PAYMENT =
      "insert into payments (id, idempotency_key, external_id, amount_minor, currency,"
          + " description, metadata, success_url, cancel_url, expires_in, state, failure_reason,"
          + " decline_code, failure_detail, transaction_id, checkout_url, created_at, updated_at,"
          + " version) values (?, ?, ?, 1050, 'EUR', 'Two concert tickets',"
          + " '{\"cartId\":\"c-19\",\"channel\":\"web\"}', 'https://shop.example/pay/return',"
          + " 'https://shop.example/pay/cancel', 'PT15M', 'CREATED', null, null, null, null, null,"
          + " ?, ?, 0)";
  static final String COMPLETE_KEY =
      "update idempotency_keys set state = 'COMPLETED', result_ref = ?"
          + " where scope = 'payment.create' and idem_key = ? and state = 'IN_PROGRESS'";
  static final String INSERT_CREATED_ENTRY =
      "insert into payment_history (payment_id, sequence_no, from_state, reported, outcome,"
          + " source, occurred_at, event_id, request_id, detail, repeats, last_seen_at)"
          + " values (?, 0, null, 'CREATED', 'APPLIED', 'LOCAL', ?, null, null, null, 0, null)";
  static final String RECORD_STARTED =
      "update payments set state = 'STARTED', transaction_id = ?, checkout_url = ?,"
          + " updated_at = ?, version = 1 where id = ? and version = 0";
  static final String INSERT_STARTED_ENTRY =
      "insert into payment_history (payment_id, sequence_no, from_state, reported, outcome,"
          + " source, occurred_at, event_id, request_id, detail, repeats, last_seen_at)"
          + " values (?, 1, 'CREATED', 'STARTED', 'APPLIED', 'PROVIDER_RESPONSE', ?, null,"
          + " 'req_instant', null, 0, null)";

  static final String START_SEQUENCE =
      "insert into outbox_sequences (payment_id, last_sequence) values (?, 1)"
          + " on conflict do nothing";
  static final String RAISE_SEQUENCE =
      "update outbox_sequences set last_sequence = last_sequence + 1 where payment_id = ?"
          + " returning last_sequence";
  static final String INSERT_EVENT =
      "insert into outbox_events (id, payment_id, refund_id, external_id, sequence_no, type,"
          + " occurred_at, payload, status, attempts, next_attempt_at, claim_token, claimed_until,"
          + " last_error, delivered_at) values (?, ?, null, ?, ?, ?, ?, ?, 'PENDING', 0, ?, null,"
          + " null, null, null) on conflict do nothing";

  /** About the size of the payload the core writes for a payment's event. */
  private static final String EVENT_PAYLOAD =
      "{\"state\":\"CREATED\",\"amount.value\":\"1050\",\"amount.currency\":\"EUR\","
          + "\"provider\":\"default\",\"transactionId\":\"\"}";

  private static final String FINGERPRINT =
      PaymentSamples.request("order-fingerprint").fingerprint().sha256Hex();

  @State(Scope.Benchmark)
  public static class Stack {
    @Param({"inmemory", "h2", "postgres"})
    public String store;

    /** Rows the schema held before the run: a label only, for the growth benchmark. */
    @Param("0")
    public long rows;

    CreatePayment create;
    DataSource pool;
    Injector stores;
    Path h2Directory;
    final String fork = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    Rows added;
    Map<String, String> bareKeys;
    Map<String, String> barePayments;

    @Setup(Level.Trial)
    public void prepare() throws IOException {
      added = new Rows(rows > 0);
      if (store.equals("postgres")) {
        stores = ForkEnvironment.schema().openStores(ForkEnvironment.poolSize());
      } else if (store.equals("h2")) {
        h2Directory = Files.createTempDirectory("paykit-bench-h2");
        JdbcSettings embedded = JdbcSettings.embedded(h2Directory);
        stores =
            Guice.createInjector(
                new JdbcStoreModule(
                    new JdbcSettings(
                        embedded.url(),
                        embedded.user(),
                        embedded.password(),
                        ForkEnvironment.poolSize())));
      }
      if (stores != null) {
        pool = stores.getInstance(HikariDataSource.class);
        create = core(stores.getInstance(Stores.class));
      }
    }

    private CreatePayment core(Stores family) {
      Clock clock = Clock.systemUTC();
      return PaykitCore.builder()
          .stores(family)
          .provider(
              new InstantGateway(clock, fork),
              new StandardWebhookVerifier(List.of(Secret.of(WebhookSigner.randomSecret())), clock),
              new JacksonWebhookParser())
          .settings(PaykitSettings.defaults())
          .clock(clock)
          .build()
          .create();
    }

    /** The in-memory stores start empty every iteration, so memory stays flat however fast. */
    @Setup(Level.Iteration)
    public void freshInMemoryStores() {
      if (stores == null) {
        create = core(new InMemoryStores());
        bareKeys = new ConcurrentHashMap<>();
        barePayments = new ConcurrentHashMap<>();
      }
    }

    @TearDown(Level.Iteration)
    public void removeAddedRows() throws SQLException {
      if (pool != null) {
        added.reset(
            pool,
            List.of(
                "outbox_events",
                "outbox_sequences",
                "payment_history",
                "payments",
                "idempotency_keys"),
            "delete from outbox_events where payment_id in"
                + " (select id from payments where idempotency_key in (%s))",
            "delete from outbox_sequences where payment_id in"
                + " (select id from payments where idempotency_key in (%s))",
            "delete from payment_history where payment_id in"
                + " (select id from payments where idempotency_key in (%s))",
            "delete from payments where idempotency_key in (%s)",
            "delete from idempotency_keys where scope = 'payment.create' and idem_key in (%s)");
      }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      if (stores != null) {
        PostgresSchema.close(stores);
      }
      if (h2Directory != null) {
        try (Stream<Path> files = Files.walk(h2Directory)) {
          for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
    }
  }

  /** Each caller thread's own sequence of orders, unique across threads, forks and runs. */
  @State(Scope.Thread)
  public static class Caller {
    final String prefix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    long sequence;

    String next() {
      return prefix + "-" + sequence++;
    }
  }

  @Benchmark
  public CreatePaymentResult paykitCreate(Stack s, Caller c) {
    String id = c.next();
    String key = "k-" + id;
    s.added.add(key);
    CreatePaymentResult result =
        s.create.create(
            new CreatePaymentCommand(IdempotencyKey.of(key), PaymentSamples.request("o-" + id)));
    if (!(result instanceof CreatePaymentResult.Started)) {
      throw new IllegalStateException("a new order was not started: " + result);
    }
    return result;
  }

  @Benchmark
  public Object bareStatements(Stack s, Caller c) throws SQLException {
    String id = c.next();
    String key = "k-" + id;
    String paymentId = "pay_" + id;
    if (s.pool == null) {
      s.bareKeys.putIfAbsent(key, FINGERPRINT);
      s.barePayments.put(paymentId, key);
      return s.bareKeys.replace(key, paymentId);
    }
    s.added.add(key);
    Instant now = Instant.now();
    try (Connection conn = s.pool.getConnection()) {
      conn.setAutoCommit(false);
      try (PreparedStatement reserve = conn.prepareStatement(INSERT_KEY);
          PreparedStatement payment = conn.prepareStatement(INSERT_PAYMENT);
          PreparedStatement complete = conn.prepareStatement(COMPLETE_KEY)) {
        reserveAndRecord(reserve, payment, id, now);
        complete.setString(1, paymentId);
        complete.setString(2, key);
        int completed = complete.executeUpdate();
        conn.commit();
        return completed;
      } catch (SQLException e) {
        conn.rollback();
        throw e;
      } finally {
        conn.setAutoCommit(true);
      }
    }
  }

  /**
   * The two transactions of a create at its floor, in plain JDBC: each on a connection of its own,
   * as the provider call between them must not hold one.
   */
  @Benchmark
  public int bareTwoTransactions(Stack s, Caller c) throws SQLException {
    if (s.pool == null) {
      throw new IllegalStateException("the two-transaction floor is measured on a database only");
    }
    String id = c.next();
    String key = "k-" + id;
    String paymentId = "pay_" + id;
    s.added.add(key);
    Instant now = Instant.now();
    inTransaction(
        s.pool,
        conn -> {
          try (PreparedStatement reserve = conn.prepareStatement(INSERT_KEY);
              PreparedStatement payment = conn.prepareStatement(INSERT_PAYMENT);
              PreparedStatement entry = conn.prepareStatement(INSERT_CREATED_ENTRY);
              PreparedStatement sequence = conn.prepareStatement(START_SEQUENCE);
              PreparedStatement event = conn.prepareStatement(INSERT_EVENT)) {
            reserveAndRecord(reserve, payment, id, now);
            entry.setString(1, paymentId);
            entry.setObject(2, now.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
            entry.executeUpdate();
            sequence.setString(1, paymentId);
            sequence.executeUpdate();
            return appendEvent(event, id, 1, "payment.created", now);
          }
        });
    String tx = "tx_bare_" + id;
    Instant answeredAt = Instant.now();
    Object answered = answeredAt.atOffset(ZoneOffset.UTC);
    return inTransaction(
        s.pool,
        conn -> {
          try (PreparedStatement started = conn.prepareStatement(RECORD_STARTED);
              PreparedStatement entry = conn.prepareStatement(INSERT_STARTED_ENTRY);
              PreparedStatement sequence = conn.prepareStatement(RAISE_SEQUENCE);
              PreparedStatement event = conn.prepareStatement(INSERT_EVENT);
              PreparedStatement complete = conn.prepareStatement(COMPLETE_KEY)) {
            started.setString(1, tx);
            started.setString(2, "https://provider.example/checkout/" + tx);
            started.setObject(3, answered, Types.TIMESTAMP_WITH_TIMEZONE);
            started.setString(4, paymentId);
            if (started.executeUpdate() != 1) {
              throw new IllegalStateException("payment " + paymentId + " was not at version 0");
            }
            entry.setString(1, paymentId);
            entry.setObject(2, answered, Types.TIMESTAMP_WITH_TIMEZONE);
            entry.executeUpdate();
            sequence.setString(1, paymentId);
            long number;
            try (ResultSet raised = sequence.executeQuery()) {
              raised.next();
              number = raised.getLong(1);
            }
            appendEvent(event, id, number, "payment.started", answeredAt);
            complete.setString(1, paymentId);
            complete.setString(2, key);
            return complete.executeUpdate();
          }
        });
  }

  /**
   * The statements both baselines begin with: reserve caller id's key (for payment {@code
   * pay_<id>}) and insert that payment, as of {@code now}.
   */
  private static void reserveAndRecord(
      PreparedStatement reserve, PreparedStatement payment, String id, Instant now)
      throws SQLException {
    String key = "k-" + id;
    String paymentId = "pay_" + id;
    Object at = now.atOffset(ZoneOffset.UTC);
    reserve.setString(1, key);
    reserve.setString(2, FINGERPRINT);
    reserve.setString(3, paymentId);
    reserve.setObject(
        4,
        now.plus(Duration.ofSeconds(60)).atOffset(ZoneOffset.UTC),
        Types.TIMESTAMP_WITH_TIMEZONE);
    reserve.setObject(
        5, now.plus(Duration.ofHours(24)).atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
    reserve.setObject(6, at, Types.TIMESTAMP_WITH_TIMEZONE);
    reserve.executeUpdate();
    payment.setString(1, paymentId);
    payment.setString(2, key);
    payment.setString(3, "o-" + id);
    payment.setObject(4, at, Types.TIMESTAMP_WITH_TIMEZONE);
    payment.setObject(5, at, Types.TIMESTAMP_WITH_TIMEZONE);
    payment.executeUpdate();
  }

  /** Inserts payment {@code pay_<id>}'s outbox event number {@code sequence}. */
  private static int appendEvent(
      PreparedStatement event, String id, long sequence, String type, Instant at)
      throws SQLException {
    Object time = at.atOffset(ZoneOffset.UTC);
    event.setString(1, "evt_" + sequence + "_" + id);
    event.setString(2, "pay_" + id);
    event.setString(3, "o-" + id);
    event.setLong(4, sequence);
    event.setString(5, type);
    event.setObject(6, time, Types.TIMESTAMP_WITH_TIMEZONE);
    event.setString(7, EVENT_PAYLOAD);
    event.setObject(8, time, Types.TIMESTAMP_WITH_TIMEZONE);
    return event.executeUpdate();
  }

  /** What one transaction does with its connection. */
  private interface Work {
    int run(Connection conn) throws SQLException;
  }

  private static int inTransaction(DataSource pool, Work work) throws SQLException {
    try (Connection conn = pool.getConnection()) {
      conn.setAutoCommit(false);
      try {
        int result = work.run(conn);
        conn.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        conn.rollback();
        throw e;
      } finally {
        conn.setAutoCommit(true);
      }
    }
  }
}
