package dev.paykit.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.paykit.adapter.http.EventDeliverySettings;
import dev.paykit.adapter.http.HttpEventDelivery;
import dev.paykit.adapter.http.StandardWebhookVerifier;
import dev.paykit.adapter.jdbc.JdbcOptions;
import dev.paykit.adapter.jdbc.JdbcStores;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.outbox.OutboxEvent;
import dev.paykit.domain.outbox.OutboxEventId;
import dev.paykit.domain.outbox.OutboxEventType;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.inbound.worker.OutboxWorker;
import dev.paykit.inbound.worker.OutboxWorkerSettings;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.out.PaymentEventHandler;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.Secret;
import dev.paykit.port.out.WebhookParser;
import dev.paykit.port.out.WebhookVerifier;
import dev.paykit.port.shared.OutboxDelivery;
import dev.paykit.port.shared.WebhookHeaders;
import dev.paykit.port.shared.WebhookVerification;
import dev.paykit.service.PaykitCore;
import dev.paykit.service.PaykitSettings;
import dev.paykit.testkit.PaymentSamples;
import dev.paykit.testkit.fake.FakeProvider;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The README's outbox examples as code that compiles and runs on PostgreSQL: a handler that
 * de-duplicates by event id in the shop's own transaction, its registration with the core and the
 * worker, and the dead letters put back. ReadmeTest checks that the README shows these lines.
 * Skipped where no PostgreSQL answers, except on CI ({@code CI=true}).
 */
class OutboxExamplesTest {
  private static final String URL =
      System.getenv().getOrDefault("PAYKIT_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");

  private final String schema = "outbox_example_" + UUID.randomUUID().toString().replace("-", "");
  private final Clock clock = Clock.systemUTC();
  private final FakeProvider provider = new FakeProvider(clock);
  private HikariDataSource dataSource;
  private JdbcStores stores;

  // README: the handler
  /** Ships an order once its payment succeeded: once, however often the event is delivered. */
  static final class OrderFulfilment implements PaymentEventHandler {
    private final DataSource dataSource;

    OrderFulfilment(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    @Override
    public void handle(OutboxEvent event) throws SQLException {
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(false);
        try {
          // The event's id and what it causes commit together, or neither does.
          if (firstDelivery(connection, event.id())
              && event.type() == OutboxEventType.PAYMENT_SUCCEEDED) {
            ship(connection, event.externalId());
          }
          connection.commit();
        } catch (SQLException | RuntimeException e) {
          connection.rollback();
          throw e; // the outbox delivers the event again later
        }
      }
    }

    private static boolean firstDelivery(Connection connection, OutboxEventId id)
        throws SQLException {
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO handled_events (event_id) VALUES (?) ON CONFLICT DO NOTHING")) {
        insert.setString(1, id.value());
        return insert.executeUpdate() == 1;
      }
    }

    private static void ship(Connection connection, ExternalId order) throws SQLException {
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO shipments (order_id) VALUES (?)")) {
        insert.setString(1, order.value());
        insert.executeUpdate();
      }
    }
  }

  // README: end

  @BeforeEach
  void database() throws SQLException {
    try (Connection admin = DriverManager.getConnection(URL, "postgres", "");
        Statement s = admin.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError("PostgreSQL must be reachable on CI at " + URL, e);
      }
      Assumptions.abort("no PostgreSQL at " + URL + ": " + e.getMessage());
    }
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(URL + "?currentSchema=" + schema);
    pool.setUsername("postgres");
    pool.setMaximumPoolSize(4);
    dataSource = new HikariDataSource(pool);
    execute(
        "CREATE TABLE handled_events (event_id VARCHAR(64) PRIMARY KEY)",
        // No unique key on the order: an order shipped twice must show as two rows.
        "CREATE TABLE shipments (id BIGSERIAL PRIMARY KEY, order_id VARCHAR(64) NOT NULL)");
    stores = JdbcStores.on(dataSource, JdbcOptions.defaults().inSchema(schema));
  }

  @AfterEach
  void dropSchema() throws SQLException {
    if (dataSource == null) {
      return;
    }
    stores.close();
    dataSource.close();
    try (Connection admin = DriverManager.getConnection(URL, "postgres", "");
        Statement s = admin.createStatement()) {
      s.execute("DROP SCHEMA " + schema + " CASCADE");
    }
  }

  @Test
  void a_redelivered_success_ships_the_order_once() throws Exception {
    OrderFulfilment fulfilment = new OrderFulfilment(dataSource);
    OutboxEvent succeeded = event(OutboxEventType.PAYMENT_SUCCEEDED, "order-8812");

    fulfilment.handle(succeeded);
    fulfilment.handle(succeeded);
    fulfilment.handle(event(OutboxEventType.PAYMENT_CREATED, "order-8813"));

    assertThat(count("SELECT count(*) FROM shipments WHERE order_id = 'order-8812'")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM shipments")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM handled_events")).isEqualTo(2);
  }

  @Test
  void a_delivery_whose_transaction_fails_leaves_no_trace_and_ships_when_it_comes_again()
      throws Exception {
    OrderFulfilment fulfilment = new OrderFulfilment(dataSource);
    OutboxEvent succeeded = event(OutboxEventType.PAYMENT_SUCCEEDED, "order-8812");
    execute("ALTER TABLE shipments RENAME TO shipments_away");

    assertThatThrownBy(() -> fulfilment.handle(succeeded)).isInstanceOf(SQLException.class);
    assertThat(count("SELECT count(*) FROM handled_events")).isZero();

    execute("ALTER TABLE shipments_away RENAME TO shipments");
    fulfilment.handle(succeeded);
    assertThat(count("SELECT count(*) FROM shipments WHERE order_id = 'order-8812'")).isEqualTo(1);
  }

  @Test
  void the_worker_hands_every_event_to_the_registered_handler_in_order() throws Exception {
    ProviderGateway gateway = provider.gateway();
    WebhookVerifier verifier = provider.webhookVerifier(clock);
    WebhookParser parser = provider.webhookParser();
    // README: registering the handler
    PaykitCore paykit =
        PaykitCore.builder()
            .stores(stores)
            .provider(gateway, verifier, parser)
            .eventHandler(new OrderFulfilment(dataSource))
            .build();
    OutboxWorker outbox =
        new OutboxWorker(paykit.outbox(), OutboxWorkerSettings.defaults().withThreads(4)).start();
    // README: end
    try {
      Payment payment = pay(paykit, "order-8812");

      awaitShipped("order-8812");
      assertThat(count("SELECT count(*) FROM shipments")).isEqualTo(1);
      assertThat(eventTypes(payment))
          .containsExactly("payment.created", "payment.started", "payment.succeeded");
      assertThat(count("SELECT count(*) FROM handled_events")).isEqualTo(3);
      assertThat(paykit.outbox().backlog().undelivered()).isZero();

      // README: stopping the worker
      // On shutdown:
      boolean outboxEnded = outbox.stop(Duration.ofSeconds(10));
      // README: end
      assertThat(outboxEnded).isTrue();
    } finally {
      outbox.stop(Duration.ofSeconds(10));
    }
  }

  @Test
  void every_event_is_posted_to_the_shops_own_endpoint_signed_with_standard_webhooks()
      throws Exception {
    List<Received> received = new CopyOnWriteArrayList<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/paykit-events",
        exchange -> {
          received.add(
              new Received(
                  exchange.getRequestBody().readAllBytes(),
                  new WebhookHeaders(Map.copyOf(exchange.getRequestHeaders()))));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
    URI endpoint =
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/paykit-events");
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    String eventsSecret = "whsec_" + Base64.getEncoder().encodeToString(key);
    ProviderGateway gateway = provider.gateway();
    WebhookVerifier verifier = provider.webhookVerifier(clock);
    WebhookParser parser = provider.webhookParser();
    try {
      // README: delivering over HTTP
      HttpEventDelivery delivery =
          new HttpEventDelivery(
              EventDeliverySettings.of(endpoint, List.of(Secret.of(eventsSecret))),
              Clock.systemUTC());
      PaykitCore paykit =
          PaykitCore.builder()
              .stores(stores)
              .provider(gateway, verifier, parser)
              .eventHandler(delivery)
              .build();
      // README: end
      pay(paykit, "order-8812");
      for (int pass = 0; pass < 3; pass++) {
        paykit.outbox().dispatchPending(10);
      }

      StandardWebhookVerifier receiver =
          new StandardWebhookVerifier(List.of(Secret.of(eventsSecret)), clock);
      assertThat(received).hasSize(3);
      assertThat(received)
          .allSatisfy(
              r ->
                  assertThat(receiver.verify(r.body(), r.headers()))
                      .isInstanceOf(WebhookVerification.Verified.class));
      assertThat(new String(received.get(2).body(), StandardCharsets.UTF_8))
          .contains("payment.succeeded", "order-8812");
    } finally {
      server.stop(0);
    }
  }

  private record Received(byte[] body, WebhookHeaders headers) {}

  @Test
  void a_dead_letter_holds_back_its_payments_later_events_until_it_is_replayed() throws Exception {
    AtomicBoolean warehouseDown = new AtomicBoolean(true);
    OrderFulfilment fulfilment = new OrderFulfilment(dataSource);
    PaykitCore paykit =
        PaykitCore.builder()
            .stores(stores)
            .provider(provider.gateway(), provider.webhookVerifier(clock), provider.webhookParser())
            .eventHandler(
                event -> {
                  if (warehouseDown.get()) {
                    throw new IllegalStateException("the warehouse is down");
                  }
                  fulfilment.handle(event);
                })
            .settings(
                PaykitSettings.defaults()
                    .withOutboxRetry(
                        new PaykitSettings.OutboxRetry(
                            1,
                            Duration.ofMillis(10),
                            Duration.ofMillis(10),
                            Duration.ofMinutes(1))))
            .build();
    Payment payment = pay(paykit, "order-8812");

    assertThat(paykit.outbox().dispatchPending(10).deadLettered()).isEqualTo(1);
    assertThat(paykit.outbox().dispatchPending(10).claimed()).isZero();
    warehouseDown.set(false);
    assertThat(paykit.outbox().dispatchPending(10).claimed()).isZero();

    // README: dead letters
    for (OutboxDelivery dead : paykit.outbox().deadLetters(100)) {
      // dead.lastError() says why: the handler's exception type, never its message
      paykit.outbox().replay(dead.event().id());
    }
    // README: end
    List<Integer> delivered = new ArrayList<>();
    for (int pass = 0; pass < 4; pass++) {
      delivered.add(paykit.outbox().dispatchPending(10).delivered());
    }

    // One event a pass: only a payment's earliest undelivered event can be claimed.
    assertThat(delivered).containsExactly(1, 1, 1, 0);
    assertThat(count("SELECT count(*) FROM shipments WHERE order_id = 'order-8812'")).isEqualTo(1);
    assertThat(paykit.outbox().deadLetters(100)).isEmpty();
    assertThat(eventTypes(payment)).hasSize(3);
  }

  /** A payment for {@code order}, created, confirmed by the customer, and verified. */
  private Payment pay(PaykitCore paykit, String order) {
    Payment started =
        paykit
            .create()
            .create(
                new CreatePaymentCommand(
                    IdempotencyKey.derive("shop", order, "attempt-1"),
                    PaymentSamples.request(order)))
            .payment();
    provider.move(started.transactionId(), ProviderStatus.CONFIRMED, null);
    Payment paid = paykit.verify().verify(started.id());
    assertThat(paid.state()).isEqualTo(PaymentState.SUCCEEDED);
    return paid;
  }

  private static OutboxEvent event(OutboxEventType type, String order) {
    return new OutboxEvent(
        OutboxEventId.random(),
        type,
        new PaymentId("pay_" + UUID.randomUUID().toString().replace("-", "")),
        null,
        new ExternalId(order),
        1,
        Instant.now(),
        Map.of());
  }

  /** The payment's outbox events, in their sequence, as Paykit's table has them. */
  private List<String> eventTypes(Payment payment) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT type FROM outbox_events WHERE payment_id = ? AND status = 'DELIVERED'"
                    + " ORDER BY sequence_no")) {
      select.setString(1, payment.id().value());
      try (ResultSet rows = select.executeQuery()) {
        List<String> types = new ArrayList<>();
        while (rows.next()) {
          types.add(rows.getString(1));
        }
        return types;
      }
    }
  }

  private void awaitShipped(String order) throws SQLException, InterruptedException {
    Instant deadline = Instant.now().plusSeconds(20);
    while (count("SELECT count(*) FROM shipments WHERE order_id = '" + order + "'") == 0) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(order + " was not shipped within 20 s");
      }
      Thread.sleep(50);
    }
  }

  private long count(String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private void execute(String... statements) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }
}
