package shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.paykit.adapter.jdbc.PaykitMigrations;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.outbox.OutboxEventId;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.TransitionSource;
import dev.paykit.port.shared.OutboxDelivery;
import dev.paykit.port.shared.PaymentQuery;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shop end to end, as a team embedding Paykit would run it: PostgreSQL with the shop's own
 * migrations beside Paykit's, the runnable sandbox jar as the provider (a separate process that
 * sends real signed webhooks), the servlet endpoint in Jetty, the workers, the return page.
 */
class EmbeddedShopTest {
  private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";

  private final String schema = "embedded_shop_" + UUID.randomUUID().toString().replace("-", "");
  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private HikariDataSource dataSource;
  private Process sandbox;

  @BeforeEach
  void database() throws SQLException {
    try (var connection = DriverManager.getConnection(PG_URL, "postgres", "")) {
      connection.createStatement().execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      Assumptions.assumeFalse(
          !"true".equals(System.getenv("CI")),
          "no PostgreSQL at " + PG_URL + ", skipping (CI must have one): " + e.getMessage());
      throw e;
    }
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(PG_URL + "?currentSchema=" + schema);
    pool.setUsername("postgres");
    pool.setMaximumPoolSize(5);
    dataSource = new HikariDataSource(pool);
  }

  @AfterEach
  void cleanUp() throws SQLException {
    if (sandbox != null) {
      sandbox.destroy();
    }
    if (dataSource != null) {
      dataSource.close();
      try (var connection = DriverManager.getConnection(PG_URL, "postgres", "")) {
        connection.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  @Test
  void a_payment_completes_against_the_sandbox_jar_webhook_included() throws Exception {
    int shopPort = freePort();
    Map<String, String> env = startSandbox(shopPort);

    try (EmbeddedShop shop =
        EmbeddedShop.start(dataSource, env, new SimpleMeterRegistry(), shopPort)) {
      URI returnPage = payAtCheckout(shop, "order-1001");

      Payment paid = awaitWebhookApplied(shop);
      assertEquals(PaymentState.SUCCEEDED, paid.state());
      HttpResponse<String> page =
          http.send(HttpRequest.newBuilder(returnPage).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, page.statusCode());
      assertTrue(page.body().startsWith("PAID"), "the return page shows: " + page.body());
    }

    // Both migration histories hold, and running both again in the other order changes nothing.
    assertEquals(List.of("1", "2", "3"), versions("flyway_schema_history"));
    assertTrue(versions("paykit_schema_history").contains("1"));
    assertEquals(0, PaykitMigrations.migrate(dataSource).migrationsApplied());
    assertEquals(0, Flyway.configure().dataSource(dataSource).load().migrate().migrationsExecuted);
  }

  @Test
  void the_order_is_shipped_from_the_outbox_once_even_when_the_event_comes_again()
      throws Exception {
    int shopPort = freePort();
    Map<String, String> env = startSandbox(shopPort);

    try (EmbeddedShop shop =
        EmbeddedShop.start(dataSource, env, new SimpleMeterRegistry(), shopPort)) {
      payAtCheckout(shop, "order-1002");
      Payment paid = awaitWebhookApplied(shop);
      awaitShipped("order-1002");
      assertTrue(paidAt("order-1002"), "the order is marked paid");

      // As after a dispatcher that died between the handler's return and marking it delivered.
      OutboxEventId succeeded = eventOf(paid, "payment.succeeded");
      OutboxDelivery delivered = shop.outbox().find(succeeded).orElseThrow();
      assertEquals(OutboxDelivery.Status.DELIVERED, delivered.status());
      long handled = count("SELECT count(*) FROM handled_events");
      shop.fulfilment().handle(delivered.event());

      assertEquals(1, count("SELECT count(*) FROM shipments WHERE order_id = 'order-1002'"));
      assertEquals(handled, count("SELECT count(*) FROM handled_events"));
      // The shop heard of the payment's creation and start too, each once.
      assertEquals(3, handled);
    }
  }

  /** The provider in a process of its own, sending its webhooks to the shop's port. */
  private Map<String, String> startSandbox(int shopPort) throws Exception {
    String clientSecret = HexFormat.of().formatHex(random(16));
    String webhookSecret = "whsec_" + Base64.getEncoder().encodeToString(random(32));
    URI provider =
        startSandbox(
            Map.of(
                "PAYKIT_SANDBOX_CLIENT_SECRET", clientSecret,
                "PAYKIT_SANDBOX_WEBHOOK_SECRET", webhookSecret,
                "PAYKIT_SANDBOX_WEBHOOK_URL", "http://127.0.0.1:" + shopPort + "/webhooks"));
    return Map.of(
        "PAYKIT_PROVIDER_URL", provider.toString(),
        "PAYKIT_PROVIDER_CLIENT_ID", "embedded-shop",
        "PAYKIT_PROVIDER_CLIENT_SECRET", clientSecret,
        "PAYKIT_WEBHOOK_SECRETS", webhookSecret);
  }

  /** The customer pays at the hosted checkout and is sent back; the return page's address. */
  private URI payAtCheckout(EmbeddedShop shop, String order) throws Exception {
    URI checkout = shop.checkout(order, Money.of(2500, "EUR"));
    HttpResponse<String> pressed =
        http.send(
            HttpRequest.newBuilder(URI.create(checkout + "/pay"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(303, pressed.statusCode(), "the checkout redirects the customer back");
    URI returnPage = URI.create(pressed.headers().firstValue("Location").orElseThrow());
    assertTrue(
        returnPage.getQuery().startsWith("payment=pay_"),
        "the provider was given the payment's id in the return URL: " + returnPage);
    return returnPage;
  }

  private void awaitShipped(String order) throws Exception {
    Instant deadline = Instant.now().plusSeconds(20);
    while (count("SELECT count(*) FROM shipments WHERE order_id = '" + order + "'") == 0) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(order + " was not shipped within 20 s");
      }
      Thread.sleep(100);
    }
  }

  private boolean paidAt(String order) throws SQLException {
    try (var connection = dataSource.getConnection();
        var select =
            connection.prepareStatement("SELECT paid_at FROM orders WHERE order_id = ?")) {
      select.setString(1, order);
      try (var rows = select.executeQuery()) {
        return rows.next() && rows.getTimestamp(1) != null;
      }
    }
  }

  /** The id of the payment's outbox event of {@code type}, from Paykit's table. */
  private OutboxEventId eventOf(Payment payment, String type) throws SQLException {
    try (var connection = dataSource.getConnection();
        var select =
            connection.prepareStatement(
                "SELECT id FROM outbox_events WHERE payment_id = ? AND type = ?")) {
      select.setString(1, payment.id().value());
      select.setString(2, type);
      try (var rows = select.executeQuery()) {
        assertTrue(rows.next(), "no " + type + " event for " + payment.id());
        return new OutboxEventId(rows.getString(1));
      }
    }
  }

  private long count(String sql) throws SQLException {
    try (var connection = dataSource.getConnection();
        var rows = connection.createStatement().executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private Payment awaitWebhookApplied(EmbeddedShop shop) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(20);
    while (Instant.now().isBefore(deadline)) {
      List<Payment> payments =
          shop.paykit().list().list(PaymentQuery.all()).items();
      if (payments.size() == 1
          && shop.paykit().list().history(payments.get(0).id()).stream()
              .anyMatch(entry -> entry.source() == TransitionSource.WEBHOOK)
          && payments.get(0).state().isTerminal()) {
        return payments.get(0);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no webhook was applied to the payment within 20 s");
  }

  private URI startSandbox(Map<String, String> variables) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-jar",
                System.getProperty("sandbox.jar"),
                "--port",
                "0",
                "--client-id",
                "embedded-shop")
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().putAll(variables);
    sandbox = builder.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(sandbox.getInputStream(), StandardCharsets.UTF_8));
    String ready = out.readLine();
    if (ready == null || !ready.startsWith("Paykit sandbox listening on ")) {
      sandbox.waitFor(5, TimeUnit.SECONDS);
      throw new AssertionError("the sandbox did not start: " + ready);
    }
    return URI.create(ready.substring("Paykit sandbox listening on ".length()).split(" ")[0]);
  }

  private List<String> versions(String historyTable) throws SQLException {
    try (var connection = dataSource.getConnection();
        var rows =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT version FROM "
                        + historyTable
                        + " WHERE success AND version IS NOT NULL AND version <> '0'"
                        + " ORDER BY installed_rank")) {
      List<String> versions = new java.util.ArrayList<>();
      while (rows.next()) {
        versions.add(rows.getString(1));
      }
      return versions;
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static byte[] random(int bytes) {
    byte[] value = new byte[bytes];
    new SecureRandom().nextBytes(value);
    return value;
  }
}
