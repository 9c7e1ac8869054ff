package dev.paykit.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.zaxxer.hikari.HikariDataSource;
import dev.paykit.adapter.http.HttpProviderGateway;
import dev.paykit.adapter.http.HttpProviderModule;
import dev.paykit.adapter.http.JacksonWebhookParser;
import dev.paykit.adapter.http.ProviderHttpSettings;
import dev.paykit.adapter.http.StandardWebhookVerifier;
import dev.paykit.adapter.inmemory.InMemoryStores;
import dev.paykit.adapter.jdbc.JdbcSettings;
import dev.paykit.adapter.jdbc.JdbcStoreModule;
import dev.paykit.adapter.observability.CompositePaykitObserver;
import dev.paykit.adapter.observability.MicrometerPaykitObserver;
import dev.paykit.adapter.observability.ObservabilityModule;
import dev.paykit.adapter.observability.Slf4jPaykitObserver;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Metadata;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ReturnUrls;
import dev.paykit.guice.PaykitModule;
import dev.paykit.port.in.CreatePayment;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.in.CreatePaymentResult;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.sandbox.SandboxProvider;
import dev.paykit.service.PaykitCore;
import dev.paykit.service.PaykitSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The README's two ways of embedding the core, as code that compiles and runs against a sandbox.
 * ReadmeTest checks that the README shows exactly these lines.
 */
class EmbeddingExamplesTest {
  private SandboxProvider sandbox;
  private Map<String, String> env;

  @BeforeEach
  void startProvider() {
    sandbox = SandboxProvider.start();
    env =
        Map.of(
            "PAYKIT_PROVIDER_URL", sandbox.baseUri().toString(),
            "PAYKIT_PROVIDER_CLIENT_ID", sandbox.clientId(),
            "PAYKIT_PROVIDER_CLIENT_SECRET", sandbox.clientSecret().reveal(),
            "PAYKIT_WEBHOOK_SECRETS", sandbox.webhookSecret().reveal(),
            "PAYKIT_DB_URL",
                "jdbc:h2:mem:embed-"
                    + UUID.randomUUID()
                    + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
  }

  @AfterEach
  void stopProvider() {
    sandbox.close();
  }

  @Test
  void the_core_is_wired_by_hand_without_a_container() {
    // README: without a container
    Clock clock = Clock.systemUTC();
    MeterRegistry meters = new SimpleMeterRegistry();
    PaykitObserver observer =
        new CompositePaykitObserver(
            List.of(new Slf4jPaykitObserver(), new MicrometerPaykitObserver(meters)));
    ProviderHttpSettings provider = ProviderHttpSettings.fromEnvironment(env);
    PaykitCore paykit =
        PaykitCore.builder()
            .stores(new InMemoryStores())
            .provider(
                HttpProviderGateway.create(provider, observer, clock),
                new StandardWebhookVerifier(provider.webhookSecrets(), clock),
                new JacksonWebhookParser())
            .observer(observer)
            .settings(PaykitSettings.defaults())
            .clock(clock)
            .build();

    CreatePaymentResult result =
        paykit
            .create()
            .create(
                new CreatePaymentCommand(
                    IdempotencyKey.derive("user-7", "order-8812", "attempt-1"),
                    new PaymentRequest(
                        new ExternalId("order-8812"),
                        Money.of(1050, "EUR"),
                        "Two concert tickets",
                        Metadata.of(Map.of("cartId", "c-19")),
                        ReturnUrls.of(
                            "https://shop.example/pay/return", "https://shop.example/pay/cancel"),
                        Duration.ofMinutes(15))));
    List<HistoryEntry> trail = paykit.list().history(result.payment().id());
    // README: end

    assertThat(result).isInstanceOf(CreatePaymentResult.Started.class);
    assertThat(result.payment().checkoutUrl()).isNotNull();
    assertThat(trail)
        .extracting(HistoryEntry::reported)
        .containsExactly(PaymentState.CREATED, PaymentState.STARTED);
    assertThat(trail.get(trail.size() - 1)).isEqualTo(result.payment().latest());
    assertThat(sandbox.ledger().paymentsFor(result.payment().idempotencyKey().value()))
        .isEqualTo(1);
    assertThat(meters.counter("paykit.payments.created", "currency", "EUR").count()).isEqualTo(1);
  }

  @Test
  void the_core_is_wired_by_guice_from_the_modules() {
    // README: with Guice
    Injector injector =
        Guice.createInjector(
            new PaykitModule(PaykitSettings.defaults(), Clock.systemUTC()),
            new JdbcStoreModule(JdbcSettings.fromEnvironment(env)),
            HttpProviderModule.fromEnvironment(env),
            new ObservabilityModule(new SimpleMeterRegistry()));
    CreatePayment create = injector.getInstance(CreatePayment.class);
    // README: end

    try {
      CreatePaymentResult result =
          create.create(
              new CreatePaymentCommand(
                  IdempotencyKey.of("guice-1"),
                  new PaymentRequest(
                      new ExternalId("order-guice"),
                      Money.of(500, "EUR"),
                      null,
                      null,
                      ReturnUrls.of("https://shop.example/ok", "https://shop.example/cancel"),
                      null)));
      assertThat(result.payment().state()).isEqualTo(PaymentState.STARTED);
    } finally {
      injector.getInstance(HikariDataSource.class).close();
    }
  }
}
