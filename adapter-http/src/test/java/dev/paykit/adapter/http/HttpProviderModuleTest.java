package dev.paykit.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.webhook.WebhookEvent;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.ProviderResult;
import dev.paykit.port.out.WebhookParser;
import dev.paykit.port.out.WebhookVerifier;
import dev.paykit.port.shared.WebhookHeaders;
import dev.paykit.port.shared.WebhookVerification;
import dev.paykit.sandbox.MutableClock;
import dev.paykit.sandbox.SandboxProvider;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpProviderModuleTest {
  private SandboxProvider sandbox;

  @BeforeEach
  void startSandbox() {
    sandbox = SandboxProvider.start();
  }

  @AfterEach
  void stopSandbox() {
    sandbox.close();
  }

  private Map<String, String> environment() {
    return Map.of(
        "PAYKIT_PROVIDER_URL", sandbox.baseUri().toString(),
        "PAYKIT_PROVIDER_CLIENT_ID", sandbox.clientId(),
        "PAYKIT_PROVIDER_CLIENT_SECRET", sandbox.clientSecret().reveal(),
        "PAYKIT_WEBHOOK_SECRETS", sandbox.webhookSecret().reveal(),
        "PAYKIT_PROVIDER_REQUEST_TIMEOUT_MS", "5000");
  }

  private static AbstractModule application(Clock clock) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(PaykitObserver.class).toInstance(PaykitObserver.noop());
        bind(Clock.class).toInstance(clock);
      }
    };
  }

  @Test
  void the_module_configured_from_the_environment_binds_a_working_gateway() {
    Injector injector =
        Guice.createInjector(
            HttpProviderModule.fromEnvironment(environment()), application(Clock.systemUTC()));

    ProviderGateway gateway = injector.getInstance(ProviderGateway.class);

    assertThat(gateway).isSameAs(injector.getInstance(ProviderGateway.class));
    ProviderResult<?> created =
        gateway.createPayment(
            SandboxGateways.request("order-module", 1050), IdempotencyKey.of("module-1"));
    assertThat(created).isInstanceOf(ProviderResult.Success.class);
    assertThat(sandbox.ledger().paymentsFor("module-1")).isEqualTo(1);
  }

  @Test
  void the_bound_verifier_holds_the_configured_secret_and_the_app_clock() {
    Instant now = Instant.parse("2026-11-24T10:00:00Z");
    Injector injector =
        Guice.createInjector(
            HttpProviderModule.fromEnvironment(environment()), application(MutableClock.at(now)));
    String timestamp = Long.toString(now.getEpochSecond());
    byte[] body =
        ("{\"id\": \"evt_1\", \"type\": \"refund.status_changed\", \"data\": "
                + Fixtures.refund("rf_1", "tx_1", "succeeded")
                + "}")
            .getBytes(StandardCharsets.UTF_8);
    String signature =
        StandardWebhookVerifierTest.sign(
            sandbox.webhookSecret().reveal(), "evt_1", timestamp, body);
    WebhookHeaders headers =
        WebhookHeaders.of(
            Map.of(
                "webhook-id",
                "evt_1",
                "webhook-timestamp",
                timestamp,
                "webhook-signature",
                signature));

    WebhookVerification verification =
        injector.getInstance(WebhookVerifier.class).verify(body, headers);
    WebhookEvent event = injector.getInstance(WebhookParser.class).parse(body);

    assertThat(verification).isInstanceOf(WebhookVerification.Verified.class);
    assertThat(event).isInstanceOf(WebhookEvent.RefundStatusChanged.class);
  }

  @Test
  void a_missing_variable_stops_the_module_before_anything_is_bound() {
    assertThatThrownBy(() -> HttpProviderModule.fromEnvironment(Map.of()))
        .isInstanceOf(ProviderConfigurationException.class)
        .hasMessage("PAYKIT_PROVIDER_URL is required");
  }
}
