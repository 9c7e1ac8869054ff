package dev.paykit.adapter.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.domain.refund.ProviderRefund;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.ProviderResult;
import dev.paykit.port.out.Secret;
import dev.paykit.sandbox.MutableClock;
import dev.paykit.sandbox.SandboxConfig;
import dev.paykit.sandbox.SandboxProvider;
import dev.paykit.sandbox.SimulatedOutcome;
import dev.paykit.transport.RecordingSleeper;
import dev.paykit.transport.RetryPolicy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Runs every flow, fault and webhook path once with every logger at DEBUG, and then searches
 * everything that was logged for the credentials in play. The gateway reaches the sandbox through a
 * recording proxy, which is how the test learns the access tokens the sandbox issued.
 */
class NoSecretInLogsTest {
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private Level previousLevel;

  /** How an application would log what the gateway reports to its observer. */
  private static final org.slf4j.Logger eventLog = LoggerFactory.getLogger("paykit.events");

  private static final PaykitObserver LOGGING_OBSERVER =
      event -> eventLog.info("Paykit event {}", event);

  @BeforeEach
  void captureEverything() {
    previousLevel = root.getLevel();
    root.setLevel(Level.DEBUG);
    captured.start();
    root.addAppender(captured);
  }

  @AfterEach
  void restoreLogging() {
    root.detachAppender(captured);
    root.setLevel(previousLevel);
  }

  @Test
  void a_full_run_logs_no_client_secret_token_webhook_secret_or_authorization_value()
      throws Exception {
    List<String> secrets = new ArrayList<>();
    try (SandboxProvider sandbox =
        SandboxProvider.start(
            SandboxConfig.builder()
                .webhookInitialBackoff(Duration.ofMillis(20))
                .webhookMaxBackoff(Duration.ofMillis(100))
                .build())) {
      WireMockServer proxy =
          new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
      proxy.start();
      try (WebhookReceiver receiver =
          new WebhookReceiver(
              new StandardWebhookVerifier(
                  List.of(Secret.of(sandbox.webhookSecret().reveal())), Clock.systemUTC()))) {
        proxy.stubFor(
            any(anyUrl()).willReturn(aResponse().proxiedFrom(sandbox.baseUri().toString())));
        proxy.stubFor(
            get("/v1/payments/tx_reset")
                .atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        sandbox.setWebhookUrl(receiver.url());

        runEveryFlow(sandbox, URI.create(proxy.baseUrl()), receiver);

        secrets.add(sandbox.clientSecret().reveal());
        String webhookSecret = sandbox.webhookSecret().reveal();
        secrets.add(webhookSecret);
        secrets.add(webhookSecret.substring("whsec_".length()));
        secrets.add(
            Base64.getEncoder()
                .encodeToString(
                    (sandbox.clientId() + ":" + sandbox.clientSecret().reveal())
                        .getBytes(StandardCharsets.UTF_8)));
        List<String> tokens = issuedTokens(proxy);
        assertThat(tokens)
            .as("tokens issued: the first and the one after expiry")
            .hasSizeGreaterThanOrEqualTo(2);
        secrets.addAll(tokens);
      } finally {
        proxy.stop();
      }
    }

    List<String> lines = capturedLines();
    assertThat(lines)
        .as("the run was logged at DEBUG")
        .anyMatch(line -> line.contains("attempt 1 answered 201"))
        .anyMatch(line -> line.contains("Obtained a provider access token"))
        .anyMatch(line -> line.contains("re-authenticating once"))
        .anyMatch(line -> line.contains("retrying in"))
        .anyMatch(line -> line.contains("TokenRefreshed"));
    for (String secret : secrets) {
      assertThat(lines).noneMatch(line -> line.contains(secret));
    }
    assertThat(lines).noneMatch(line -> line.contains("Bearer ") || line.contains("Basic "));
  }

  private void runEveryFlow(SandboxProvider sandbox, URI proxied, WebhookReceiver receiver)
      throws InterruptedException {
    MutableClock clock = MutableClock.at(Instant.now());
    ProviderHttpSettings settings =
        new ProviderHttpSettings(
            proxied,
            sandbox.clientId(),
            Secret.of(sandbox.clientSecret().reveal()),
            List.of(Secret.of(sandbox.webhookSecret().reveal())),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            new RetryPolicy(
                3, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(30)));
    eventLog.info("Settings in use: {}", settings);
    HttpProviderGateway gateway =
        new HttpProviderGateway(
            settings, LOGGING_OBSERVER, clock, new Random(1), new RecordingSleeper(clock));
    IdempotencyKey key = IdempotencyKey.of("logs-1");

    ProviderPayment payment =
        ((ProviderResult.Success<ProviderPayment>)
                gateway.createPayment(SandboxGateways.request("order-logs", 1050), key))
            .value();
    gateway.createPayment(SandboxGateways.request("order-logs", 1050), key);
    gateway.createPayment(SandboxGateways.request("order-logs", 2000), key);
    gateway.findPayments(new ExternalId("order-logs"), null, 10);
    sandbox.simulate(payment.transactionId().value(), SimulatedOutcome.CONFIRMED);
    gateway.getPayment(payment.transactionId());
    ProviderRefund refund =
        ((ProviderResult.Success<ProviderRefund>)
                gateway.createRefund(
                    payment.transactionId(),
                    Money.of(500, "EUR"),
                    null,
                    IdempotencyKey.of("logs-r1")))
            .value();
    gateway.getRefund(refund.refundId());
    gateway.createRefund(
        payment.transactionId(), Money.of(5000, "EUR"), null, IdempotencyKey.of("logs-r2"));
    gateway.getPayment(new TransactionId("tx_missing"));

    sandbox.expireAllTokens();
    gateway.getPayment(payment.transactionId());
    sandbox
        .faults()
        .inject(dev.paykit.sandbox.Fault.error("GET /v1/payments/{transactionId}", 503));
    gateway.getPayment(payment.transactionId());
    sandbox.faults().inject(dev.paykit.sandbox.Fault.rateLimited("POST /v1/payments", 1));
    gateway.createPayment(
        SandboxGateways.request("order-logs-2", 1050), IdempotencyKey.of("logs-2"));
    gateway.getPayment(new TransactionId("tx_reset"));

    sandbox.faults().inject(dev.paykit.sandbox.Fault.webhookBadSignature());
    sandbox.simulate(
        ((ProviderResult.Success<ProviderPayment>)
                gateway.createPayment(
                    SandboxGateways.request("order-logs-3", 1050), IdempotencyKey.of("logs-3")))
            .value()
            .transactionId()
            .value(),
        SimulatedOutcome.DECLINED,
        "do_not_honor");
    JacksonWebhookParser parser = new JacksonWebhookParser();
    for (int i = 0; i < 4; i++) {
      WebhookReceiver.Delivery delivery = receiver.next(Duration.ofSeconds(10));
      eventLog.info("Webhook verification: {}", delivery.verification());
      if (delivery.verification() instanceof dev.paykit.port.shared.WebhookVerification.Verified) {
        eventLog.info("Webhook event: {}", parser.parse(delivery.body()));
      }
    }
  }

  private static List<String> issuedTokens(WireMockServer proxy) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<String> tokens = new ArrayList<>();
    for (ServeEvent event : proxy.getAllServeEvents()) {
      if (event.getRequest().getUrl().equals("/oauth/token")
          && event.getResponse().getStatus() == 200) {
        tokens.add(
            json.readTree(event.getResponse().getBodyAsString()).get("access_token").asText());
      }
    }
    return tokens;
  }

  private List<String> capturedLines() {
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : List.copyOf(captured.list)) {
      StringBuilder line = new StringBuilder(event.getFormattedMessage());
      if (event.getThrowableProxy() != null) {
        line.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
      }
      event.getMDCPropertyMap().forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
      lines.add(line.toString());
    }
    return lines;
  }
}
