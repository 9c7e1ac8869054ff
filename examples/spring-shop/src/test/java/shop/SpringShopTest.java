package shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.domain.outbox.OutboxEventId;
import dev.paykit.port.in.DispatchOutbox;
import dev.paykit.port.out.Stores;
import dev.paykit.port.shared.OutboxDelivery;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The shop end to end, as a team on Spring Boot would run it: PostgreSQL with the shop's own
 * Flyway migrations beside Paykit's, the runnable sandbox jar as the provider (a separate process
 * that sends real signed webhooks to the starter's endpoint), the secrets in a config tree.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class SpringShopTest {
  private static final String PG_URL =
      System.getenv().getOrDefault("PAYKIT_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final String SCHEMA =
      "spring_shop_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  private static int port;
  private static URI provider;
  private static Process sandbox;
  private static Path secrets;

  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @Autowired JdbcTemplate jdbc;
  @Autowired OrderFulfilment fulfilment;
  @Autowired Stores stores;
  @Autowired DispatchOutbox outbox;

  @BeforeAll
  static void postgresSandboxAndSecrets() throws Exception {
    try (Connection admin = DriverManager.getConnection(PG_URL, "postgres", "")) {
      admin.createStatement().execute("CREATE SCHEMA " + SCHEMA);
    } catch (SQLException e) {
      Assumptions.assumeTrue(
          "true".equals(System.getenv("CI")),
          "no PostgreSQL at " + PG_URL + ", skipping (CI must have one): " + e.getMessage());
      throw e;
    }
    port = freePort();
    String clientSecret = HexFormat.of().formatHex(random(16));
    String webhookSecret = "whsec_" + Base64.getEncoder().encodeToString(random(32));
    provider = startSandbox(clientSecret, webhookSecret);
    // The secrets as a deployment mounts them: one file per property, read through the config
    // tree that application.yml imports.
    secrets = Files.createTempDirectory("spring-shop-secrets");
    Files.createDirectories(secrets.resolve("paykit/provider/client"));
    Files.createDirectories(secrets.resolve("paykit/webhooks"));
    Files.writeString(secrets.resolve("paykit/provider/client/secret"), clientSecret);
    Files.writeString(secrets.resolve("paykit/webhooks/secrets"), webhookSecret);
    System.setProperty("PAYKIT_SECRETS_DIR", secrets.toString());
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> port);
    registry.add("spring.datasource.url", () -> PG_URL + "?currentSchema=" + SCHEMA);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("paykit.provider.url", () -> provider.toString());
    registry.add("paykit.workers.outbox.idle-wait", () -> "100ms");
  }

  @AfterAll
  static void cleanUp() throws Exception {
    System.clearProperty("PAYKIT_SECRETS_DIR");
    if (sandbox != null) {
      sandbox.destroy();
    }
    if (secrets != null) {
      try (var files = Files.walk(secrets)) {
        files.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
      }
    }
    try (Connection admin = DriverManager.getConnection(PG_URL, "postgres", "")) {
      admin.createStatement().execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }

  @Test
  void a_paid_order_is_shipped_once_even_when_its_event_comes_again() throws Exception {
    HttpResponse<String> checkout =
        post("http://127.0.0.1:" + port + "/orders/order-7/checkout?amount=2500&currency=EUR");
    assertThat(checkout.statusCode()).isEqualTo(303);
    URI hostedCheckout = URI.create(checkout.headers().firstValue("Location").orElseThrow());

    HttpResponse<String> paid = post(hostedCheckout + "/pay");
    assertThat(paid.statusCode()).as("the checkout sends the customer back").isEqualTo(303);
    URI returnPage = URI.create(paid.headers().firstValue("Location").orElseThrow());

    awaitShipped("order-7");
    HttpResponse<String> page =
        http.send(HttpRequest.newBuilder(returnPage).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).startsWith("PAID");
    assertThat(jdbc.queryForObject("SELECT paid_at IS NOT NULL FROM orders", Boolean.class))
        .isTrue();

    // As after a dispatcher that died between the handler's return and marking it delivered.
    OutboxEventId succeeded =
        new OutboxEventId(
            jdbc.queryForObject(
                "SELECT id FROM outbox_events WHERE type = 'payment.succeeded'", String.class));
    OutboxDelivery delivered = stores.outbox().find(succeeded).orElseThrow();
    long handled = count("SELECT count(*) FROM handled_events");
    fulfilment.handle(delivered.event());

    assertThat(count("SELECT count(*) FROM shipments WHERE order_id = 'order-7'")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM handled_events")).isEqualTo(handled);
    assertThat(outbox.backlog().undelivered()).isZero();
    // Both histories, each with its own versions: the shop's Flyway ran first, then Paykit's.
    assertThat(count("SELECT count(*) FROM flyway_schema_history WHERE version = '1'")).isOne();
    assertThat(count("SELECT count(*) FROM paykit_schema_history WHERE success")).isPositive();
  }

  @Test
  void the_health_endpoint_shows_paykit_up_with_its_provider_and_backlogs() throws Exception {
    HttpResponse<String> health =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body())
        .contains("\"paykit\":{\"status\":\"UP\"")
        .contains("token obtainable")
        .contains("\"inbox\":{\"waiting\":");
  }

  private void awaitShipped(String order) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(20);
    while (count("SELECT count(*) FROM shipments WHERE order_id = '" + order + "'") == 0) {
      assertThat(Instant.now()).as(order + " shipped within 20 s").isBefore(deadline);
      Thread.sleep(100);
    }
  }

  private long count(String sql) {
    return jdbc.queryForObject(sql, Long.class);
  }

  private HttpResponse<String> post(String uri) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(uri))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The provider in a process of its own, sending its webhooks to the starter's endpoint. */
  private static URI startSandbox(String clientSecret, String webhookSecret) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-jar",
                System.getProperty("sandbox.jar"),
                "--port",
                "0",
                "--client-id",
                "spring-shop")
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put("PAYKIT_SANDBOX_CLIENT_SECRET", clientSecret);
    builder.environment().put("PAYKIT_SANDBOX_WEBHOOK_SECRET", webhookSecret);
    builder
        .environment()
        .put("PAYKIT_SANDBOX_WEBHOOK_URL", "http://127.0.0.1:" + port + "/paykit/webhooks");
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

  private static int freePort() throws IOException {
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
