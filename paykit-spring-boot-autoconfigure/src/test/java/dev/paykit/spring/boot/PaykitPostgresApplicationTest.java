package dev.paykit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.outbox.OutboxEvent;
import dev.paykit.domain.outbox.OutboxEventType;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Metadata;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ReturnUrls;
import dev.paykit.domain.payment.TransitionSource;
import dev.paykit.port.in.CreatePayment;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.in.ListPayments;
import dev.paykit.port.out.PaymentEventHandler;
import dev.paykit.sandbox.SandboxProvider;
import dev.paykit.sandbox.SimulatedOutcome;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Spring Boot application with nothing but the starter's auto-configuration, on PostgreSQL,
 * against the sandbox provider: a payment is created, the sandbox's signed webhook comes in through
 * the controller, the outcome reaches the application's handler once. The secrets come from a
 * config tree, and neither the actuator's env, configprops and health endpoints nor the logs show
 * them, with the endpoints set to show values.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    classes = PaykitPostgresApplicationTest.Shop.class,
    properties = {
      "spring.config.import=configtree:${paykit.test.secrets-dir}/",
      "management.endpoints.web.exposure.include=health,env,configprops",
      "management.endpoint.env.show-values=always",
      "management.endpoint.configprops.show-values=always",
      "management.endpoint.health.show-details=always",
      "paykit.webhooks.path=/paykit/webhooks",
      "paykit.workers.outbox.idle-wait=100ms"
    })
@ExtendWith(OutputCaptureExtension.class)
class PaykitPostgresApplicationTest {
  private static final String PG_URL =
      System.getenv().getOrDefault("PAYKIT_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final String SCHEMA =
      "spring_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  private static SandboxProvider sandbox;
  private static Path secrets;

  private final HttpClient http = HttpClient.newHttpClient();

  @Autowired CreatePayment create;
  @Autowired ListPayments list;
  @Autowired CountingHandler handler;
  @LocalServerPort int port;

  @BeforeAll
  static void postgresAndSandbox() throws SQLException, IOException {
    try (Connection admin = DriverManager.getConnection(PG_URL, "postgres", "")) {
      admin.createStatement().execute("create schema " + SCHEMA);
    } catch (SQLException e) {
      Assumptions.assumeTrue(
          "true".equals(System.getenv("CI")),
          "no PostgreSQL at " + PG_URL + ", skipping (CI must have one): " + e.getMessage());
      throw e;
    }
    sandbox = SandboxProvider.start();
    secrets = Files.createTempDirectory("paykit-secrets");
    Path tree = Files.createDirectories(secrets.resolve("paykit/provider/client"));
    Files.writeString(tree.resolve("secret"), sandbox.clientSecret().reveal());
    Files.createDirectories(secrets.resolve("paykit/webhooks"));
    Files.writeString(secrets.resolve("paykit/webhooks/secrets"), sandbox.webhookSecret().reveal());
    System.setProperty("paykit.test.secrets-dir", secrets.toString());
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> PG_URL + "?currentSchema=" + SCHEMA);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("paykit.provider.url", () -> sandbox.baseUri().toString());
    registry.add("paykit.provider.client.id", () -> sandbox.clientId());
  }

  @AfterAll
  static void cleanUp() throws SQLException, IOException {
    System.clearProperty("paykit.test.secrets-dir");
    if (sandbox != null) {
      sandbox.close();
    }
    if (secrets != null) {
      try (var files = Files.walk(secrets)) {
        files.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
      }
    }
    try (Connection admin = DriverManager.getConnection(PG_URL, "postgres", "")) {
      admin.createStatement().execute("drop schema if exists " + SCHEMA + " cascade");
    }
  }

  @Test
  void a_signed_webhook_through_the_controller_reaches_the_handler_once(CapturedOutput output)
      throws Exception {
    sandbox.setWebhookUrl(URI.create("http://127.0.0.1:" + port + "/paykit/webhooks"));
    String returnUrl =
        "http://127.0.0.1:" + port + "/return?payment=" + ReturnUrls.PAYMENT_ID_PLACEHOLDER;
    Payment payment =
        create
            .create(
                new CreatePaymentCommand(
                    IdempotencyKey.derive("spring", "order-42", "1"),
                    new PaymentRequest(
                        new ExternalId("order-42"),
                        Money.of(2500, "EUR"),
                        "Order 42",
                        Metadata.empty(),
                        ReturnUrls.of(returnUrl, returnUrl),
                        Duration.ofMinutes(15))))
            .payment();

    sandbox.simulate(
        payment.providerTransactionId().orElseThrow().value(), SimulatedOutcome.CONFIRMED);

    awaitHandled(OutboxEventType.PAYMENT_SUCCEEDED);
    Payment paid = list.find(payment.id()).orElseThrow();
    assertThat(paid.state()).isEqualTo(PaymentState.SUCCEEDED);
    assertThat(list.history(payment.id()))
        .anyMatch(entry -> entry.source() == TransitionSource.WEBHOOK);
    // Any redelivery would come within the outbox worker's idle wait.
    Thread.sleep(500);
    assertThat(handler.timesHandled(OutboxEventType.PAYMENT_SUCCEEDED)).isEqualTo(1);

    String health = get("/actuator/health");
    assertThat(health)
        .contains("\"paykit\":{\"status\":\"UP\"")
        .contains("token obtainable")
        .contains("\"undelivered\":0");
    String everything = get("/actuator/env") + get("/actuator/configprops") + health;
    // The endpoints do show values: the provider URL is there, the secrets are not.
    assertThat(everything).contains(sandbox.baseUri().toString());
    assertThat(everything + output.getOut() + output.getErr())
        .doesNotContain(sandbox.clientSecret().reveal())
        .doesNotContain(sandbox.webhookSecret().reveal())
        .doesNotContain(sandbox.webhookSecret().reveal().substring("whsec_".length()));
  }

  private void awaitHandled(OutboxEventType type) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(20);
    while (handler.timesHandled(type) == 0) {
      assertThat(Instant.now()).as("%s handled within 20 s", type).isBefore(deadline);
      Thread.sleep(50);
    }
  }

  private String get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return response.body();
  }

  /** The shop's outcome handler: counts how often it is called with each type of event. */
  static final class CountingHandler implements PaymentEventHandler {
    private final Map<OutboxEventType, AtomicInteger> deliveries = new ConcurrentHashMap<>();

    @Override
    public void handle(OutboxEvent event) {
      deliveries.computeIfAbsent(event.type(), t -> new AtomicInteger()).incrementAndGet();
    }

    int timesHandled(OutboxEventType type) {
      AtomicInteger count = deliveries.get(type);
      return count == null ? 0 : count.get();
    }
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class Shop {
    @Bean
    CountingHandler shopHandler() {
      return new CountingHandler();
    }
  }
}
