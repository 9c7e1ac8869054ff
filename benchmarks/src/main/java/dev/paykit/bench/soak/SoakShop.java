package dev.paykit.bench.soak;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.paykit.bench.support.PostgresSchema;
import dev.paykit.domain.outbox.OutboxEvent;
import dev.paykit.domain.outbox.OutboxEventId;
import dev.paykit.domain.outbox.OutboxEventType;
import dev.paykit.port.out.PaymentEventHandler;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The soak's shop: it fulfils an order when the outbox tells it the payment succeeded, and
 * de-duplicates by event id as the README shows, durably: the event's id goes into {@code
 * shop_handled_events} with {@code INSERT ... ON CONFLICT DO NOTHING} in the same transaction as
 * the fulfilment, which only happens when that row was inserted. One generation of the app process
 * has one shop with its own pool; a crash closes it with the rest, so a fulfilment being written is
 * rolled back or committed whole.
 *
 * <p>The shop's own code fails too, drawn from the seed per event: its handler throws before doing
 * anything (its database is busy: retried later), or throws after it committed (the answer is lost,
 * as when the process dies between the handler's return and the outbox marking the event delivered:
 * the event comes again and the de-duplication must make it a no-op). An event is failed at most
 * once per generation, so that the outbox's attempts are never used up.
 */
final class SoakShop implements PaymentEventHandler, AutoCloseable {
  /** Per mille of first deliveries that throw before acting, and after committing. */
  static final int THROW_BEFORE_PER_MILLE = 30;

  static final int THROW_AFTER_COMMIT_PER_MILLE = 30;

  private final HikariDataSource pool;
  private final long seed;
  private final SoakStats stats;
  private final Set<OutboxEventId> drawn = ConcurrentHashMap.newKeySet();

  private SoakShop(HikariDataSource pool, long seed, SoakStats stats) {
    this.pool = pool;
    this.seed = seed;
    this.stats = stats;
  }

  /**
   * The shop's tables beside Paykit's in the soak's schema. {@code shop_fulfilments} has no unique
   * key on the order on purpose: a fulfilment the de-duplication let through twice must show as two
   * rows for the invariant to count, not as a handler that fails.
   */
  static void createTables(PostgresSchema schema) throws SQLException {
    try (Connection c = schema.connect();
        Statement s = c.createStatement()) {
      s.execute(
          "create table shop_handled_events ("
              + " event_id varchar(64) primary key,"
              + " payment_id varchar(64) not null,"
              + " sequence_no bigint not null,"
              + " type varchar(64) not null,"
              // The order the shop acted on events in, across threads and processes.
              + " handled_order bigserial not null)");
      s.execute(
          "create table shop_fulfilments ("
              + " id bigserial primary key,"
              + " order_id varchar(64) not null,"
              + " payment_id varchar(64) not null,"
              + " event_id varchar(64) not null)");
    }
  }

  /** A shop for one generation of the app, with a pool of its own on the soak's schema. */
  static SoakShop open(PostgresSchema schema, int poolSize, long seed, SoakStats stats) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(schema.settings(poolSize).url());
    config.setUsername(schema.user());
    config.setMaximumPoolSize(poolSize);
    config.setPoolName("soak-shop");
    return new SoakShop(new HikariDataSource(config), seed, stats);
  }

  @Override
  public void handle(OutboxEvent event) throws SQLException, ShopFailure {
    Fault fault = firstDeliveryFault(event);
    if (fault == Fault.THROW_BEFORE) {
      stats.count("fault.shop handler threw before acting (retried later)");
      throw new ShopFailure();
    }
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        boolean first = recordHandled(c, event);
        if (first && event.type() == OutboxEventType.PAYMENT_SUCCEEDED) {
          fulfil(c, event);
        }
        c.commit();
        stats.count(
            first
                ? "shop.events handled"
                : "shop.events delivered again, ignored by the de-duplication");
        if (first && event.type() == OutboxEventType.PAYMENT_SUCCEEDED) {
          stats.count("shop.orders fulfilled");
        }
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
    if (fault == Fault.THROW_AFTER_COMMIT) {
      stats.count("fault.shop handler threw after committing (redelivered)");
      throw new ShopFailure();
    }
  }

  private static boolean recordHandled(Connection c, OutboxEvent event) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "insert into shop_handled_events (event_id, payment_id, sequence_no, type)"
                + " values (?, ?, ?, ?) on conflict (event_id) do nothing")) {
      insert.setString(1, event.id().value());
      insert.setString(2, event.paymentId().value());
      insert.setLong(3, event.sequence());
      insert.setString(4, event.type().wireName());
      return insert.executeUpdate() == 1;
    }
  }

  private static void fulfil(Connection c, OutboxEvent event) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "insert into shop_fulfilments (order_id, payment_id, event_id) values (?, ?, ?)")) {
      insert.setString(1, event.externalId().value());
      insert.setString(2, event.paymentId().value());
      insert.setString(3, event.id().value());
      insert.executeUpdate();
    }
  }

  private enum Fault {
    NONE,
    THROW_BEFORE,
    THROW_AFTER_COMMIT
  }

  /**
   * The fault of this event's first delivery in this generation: drawn from the seed, the
   * checkout's number (the end of its order id) and the event's, so that a run with the same seed
   * fails the same events.
   */
  private Fault firstDeliveryFault(OutboxEvent event) {
    if (!drawn.add(event.id())) {
      return Fault.NONE;
    }
    String order = event.externalId().value();
    String checkout = order.substring(order.lastIndexOf('-') + 1);
    int draw =
        new Random(seed * 31 + checkout.hashCode() * 1_000_003L + event.sequence()).nextInt(1000);
    if (draw < THROW_BEFORE_PER_MILLE) {
      return Fault.THROW_BEFORE;
    }
    if (draw < THROW_BEFORE_PER_MILLE + THROW_AFTER_COMMIT_PER_MILLE) {
      return Fault.THROW_AFTER_COMMIT;
    }
    return Fault.NONE;
  }

  /** The process dies or stops: transactions in flight are rolled back, nothing more is handled. */
  @Override
  public void close() {
    pool.close();
  }

  /** The shop's own system failed; the outbox delivers the event again later. */
  static final class ShopFailure extends Exception {
    private static final long serialVersionUID = 1L;

    ShopFailure() {
      super("the shop's system did not answer");
    }
  }
}
