package dev.paykit.bench.jmh;

import com.google.inject.Injector;
import com.zaxxer.hikari.HikariDataSource;
import dev.paykit.adapter.http.JacksonWebhookParser;
import dev.paykit.adapter.http.StandardWebhookVerifier;
import dev.paykit.bench.support.PostgresSchema;
import dev.paykit.domain.outbox.OutboxEvent;
import dev.paykit.domain.outbox.OutboxEventId;
import dev.paykit.domain.outbox.OutboxEventType;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.port.in.DispatchOutbox;
import dev.paykit.port.in.OutboxRunReport;
import dev.paykit.port.out.Outbox;
import dev.paykit.port.out.Secret;
import dev.paykit.port.out.Stores;
import dev.paykit.port.out.UnitOfWork;
import dev.paykit.port.shared.OutboxDelivery;
import dev.paykit.service.PaykitCore;
import dev.paykit.service.PaykitSettings;
import dev.paykit.testkit.fake.InstantGateway;
import dev.paykit.testkit.fake.WebhookSigner;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Benchmark 8: events through the outbox on PostgreSQL, from append to delivered. One invocation
 * appends {@value #BATCH} events, each in a phase of its own, then claims and delivers as many to a
 * handler that does nothing, claiming again while it got fewer than that; every JMH thread is an
 * appender and a dispatcher at once, so the threads' claims race for each other's events. Each
 * thread's events belong to {@value #BATCH} payments at a time, {@value #EVENTS_PER_PAYMENT} events
 * each (created, started, succeeded) before a payment is replaced: most appends raise a payment's
 * sequence, some start one, and an event whose predecessor another thread holds is not a head yet.
 *
 * <p>Three cases. The outbox through its port (append in a phase, {@link Outbox#claim}, {@link
 * Outbox#markDelivered} per event); the same events handed over by the core's dispatcher ({@link
 * DispatchOutbox#dispatchPending}, which also measures the backlog after each pass); and the bare
 * queue every outbox is built on, in plain JDBC on the same pool and a table of the same shape
 * (same columns, indexes and constraints): an {@code INSERT} per event, then in one transaction a
 * {@code SELECT ... FOR UPDATE SKIP LOCKED} of the oldest due rows, the handler, and one {@code
 * UPDATE} of them to delivered. The bare queue keeps no order per payment and holds its lock while
 * the handler runs.
 */
public class OutboxBenchmark {
  public static final int BATCH = 10;
  public static final int EVENTS_PER_PAYMENT = 3;
  private static final Duration CLAIM = Duration.ofSeconds(30);

  private static final OutboxEventType[] LIFE = {
    OutboxEventType.PAYMENT_CREATED,
    OutboxEventType.PAYMENT_STARTED,
    OutboxEventType.PAYMENT_SUCCEEDED
  };

  static final String BARE_TABLE = "bare_outbox";

  static final String BARE_INSERT =
      "insert into "
          + BARE_TABLE
          + " (id, payment_id, refund_id, external_id, sequence_no, type, occurred_at, payload,"
          + " status, attempts, next_attempt_at) values (?, ?, null, ?, ?, ?, ?, ?, 'PENDING', 0,"
          + " ?)";

  static final String BARE_CLAIM =
      "select id from "
          + BARE_TABLE
          + " where status = 'PENDING' and next_attempt_at <= ?"
          + " order by occurred_at limit ? for update skip locked";

  static final String BARE_DELIVERED =
      "update " + BARE_TABLE + " set status = 'DELIVERED', delivered_at = ? where id = any (?)";

  @State(Scope.Benchmark)
  public static class Stack {
    /** Only PostgreSQL: what the outbox's claims are built for is its SKIP LOCKED. */
    @Param("postgres")
    public String store;

    Injector injector;
    HikariDataSource pool;
    Outbox outbox;
    UnitOfWork unitOfWork;
    DispatchOutbox dispatcher;
    final Rows added = new Rows(false);

    @Setup(Level.Trial)
    public void prepare() throws SQLException {
      PostgresSchema schema = ForkEnvironment.schema();
      injector = schema.openStores(ForkEnvironment.poolSize());
      pool = injector.getInstance(HikariDataSource.class);
      Stores stores = injector.getInstance(Stores.class);
      outbox = stores.outbox();
      unitOfWork = stores.unitOfWork();
      Clock clock = Clock.systemUTC();
      dispatcher =
          PaykitCore.builder()
              .stores(stores)
              .provider(
                  new InstantGateway(clock, "outbox"),
                  new StandardWebhookVerifier(
                      List.of(Secret.of(WebhookSigner.randomSecret())), clock),
                  new JacksonWebhookParser())
              .eventHandler(event -> {})
              .settings(PaykitSettings.defaults())
              .clock(clock)
              .build()
              .outbox();
      try (Connection c = pool.getConnection();
          Statement s = c.createStatement()) {
        // Created by the first fork, as a copy of the outbox's table with all its indexes and
        // constraints, so that both write the same row into the same structure.
        s.execute(
            "create table if not exists " + BARE_TABLE + " (like outbox_events including all)");
      }
    }

    @TearDown(Level.Iteration)
    public void removeAddedRows() throws SQLException {
      added.reset(pool, List.of("outbox_events", "outbox_sequences", BARE_TABLE));
    }

    @TearDown(Level.Trial)
    public void close() {
      PostgresSchema.close(injector);
    }
  }

  /**
   * Each thread's payments: {@value #BATCH} lanes, each a payment that receives its next event in
   * every invocation and is replaced by a fresh one after {@value #EVENTS_PER_PAYMENT}.
   */
  @State(Scope.Thread)
  public static class Caller {
    final String prefix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final Map<String, String> payload = new LinkedHashMap<>();
    final String payloadJson;
    long invocations;

    /** The sequence number of the current batch's events in their payments, for the bare rows. */
    int sequence;

    public Caller() {
      payload.put("state", "SUCCEEDED");
      payload.put("amount.value", "1050");
      payload.put("amount.currency", "EUR");
      payload.put("transactionId", "tx_instant_0123456789");
      payloadJson =
          "{\"state\":\"SUCCEEDED\",\"amount.value\":\"1050\",\"amount.currency\":\"EUR\","
              + "\"transactionId\":\"tx_instant_0123456789\"}";
    }

    /** The events of one invocation, one per lane, unnumbered as the core appends them. */
    List<OutboxEvent> nextBatch(Instant now) {
      long generation = invocations / EVENTS_PER_PAYMENT;
      int step = (int) (invocations % EVENTS_PER_PAYMENT);
      invocations++;
      sequence = step + 1;
      List<OutboxEvent> batch = new ArrayList<>(BATCH);
      for (int lane = 0; lane < BATCH; lane++) {
        String payment = prefix + "_" + generation + "_" + lane;
        batch.add(
            new OutboxEvent(
                OutboxEventId.random(),
                LIFE[step],
                new PaymentId("pay_" + payment),
                null,
                new ExternalId("o-" + payment),
                0,
                now,
                payload));
      }
      return batch;
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int paykitOutbox(Stack s, Caller c, Blackhole handler) {
    append(s, c);
    int delivered = 0;
    while (delivered < BATCH) {
      List<OutboxDelivery> claimed = s.outbox.claim(Instant.now(), BATCH - delivered, CLAIM);
      if (claimed.isEmpty()) {
        break;
      }
      for (OutboxDelivery delivery : claimed) {
        handler.consume(delivery.event());
        if (s.outbox.markDelivered(delivery, Instant.now())) {
          delivered++;
        }
      }
    }
    return delivered;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int paykitDispatcher(Stack s, Caller c) {
    append(s, c);
    int delivered = 0;
    while (delivered < BATCH) {
      OutboxRunReport pass = s.dispatcher.dispatchPending(BATCH - delivered);
      if (pass.claimed() == 0) {
        break;
      }
      delivered += pass.delivered();
    }
    return delivered;
  }

  private static void append(Stack s, Caller c) {
    for (OutboxEvent event : c.nextBatch(Instant.now())) {
      s.unitOfWork.atomically(
          () -> {
            s.outbox.append(event);
          });
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int bareQueue(Stack s, Caller c, Blackhole handler) throws SQLException {
    Instant now = Instant.now();
    Object at = now.atOffset(ZoneOffset.UTC);
    try (Connection conn = s.pool.getConnection();
        PreparedStatement insert = conn.prepareStatement(BARE_INSERT)) {
      for (OutboxEvent event : c.nextBatch(now)) {
        insert.setString(1, event.id().value());
        insert.setString(2, event.paymentId().value());
        insert.setString(3, event.externalId().value());
        insert.setLong(4, c.sequence);
        insert.setString(5, event.type().wireName());
        insert.setObject(6, at, Types.TIMESTAMP_WITH_TIMEZONE);
        insert.setString(7, c.payloadJson);
        insert.setObject(8, at, Types.TIMESTAMP_WITH_TIMEZONE);
        insert.executeUpdate();
      }
    }
    int delivered = 0;
    while (delivered < BATCH) {
      int claimed = bareClaimAndDeliver(s, BATCH - delivered, handler);
      if (claimed == 0) {
        break;
      }
      delivered += claimed;
    }
    return delivered;
  }

  private static int bareClaimAndDeliver(Stack s, int max, Blackhole handler) throws SQLException {
    try (Connection conn = s.pool.getConnection()) {
      conn.setAutoCommit(false);
      try (PreparedStatement claim = conn.prepareStatement(BARE_CLAIM);
          PreparedStatement delivered = conn.prepareStatement(BARE_DELIVERED)) {
        claim.setObject(1, Instant.now().atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
        claim.setInt(2, max);
        List<String> ids = new ArrayList<>(max);
        try (ResultSet rows = claim.executeQuery()) {
          while (rows.next()) {
            ids.add(rows.getString(1));
          }
        }
        if (ids.isEmpty()) {
          conn.commit();
          return 0;
        }
        ids.forEach(handler::consume);
        Array array = conn.createArrayOf("varchar", ids.toArray());
        delivered.setObject(
            1, Instant.now().atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
        delivered.setArray(2, array);
        int updated = delivered.executeUpdate();
        conn.commit();
        return updated;
      } catch (SQLException | RuntimeException e) {
        conn.rollback();
        throw e;
      } finally {
        conn.setAutoCommit(true);
      }
    }
  }
}
