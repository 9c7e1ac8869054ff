package dev.paykit.core.flows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.adapter.inmemory.InMemoryStores;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.ProviderName;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.ProviderGateways;
import dev.paykit.port.out.Stores;
import dev.paykit.port.out.WebhookParser;
import dev.paykit.port.out.WebhookVerifier;
import dev.paykit.service.PaykitCore;
import dev.paykit.testkit.FlowProvider;
import dev.paykit.testkit.PaymentSamples;
import dev.paykit.testkit.fake.FakeProvider;
import dev.paykit.testkit.flows.FlowClock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's "Several providers" wiring, compiled and run as it is printed there. */
class SeveralProvidersExamplesTest {
  private final FlowClock clock = new FlowClock(Instant.parse("2026-11-24T10:00:00Z"));
  private final FakeProvider euProvider = new FakeProvider(clock);
  private final FakeProvider usProvider = new FakeProvider(clock);
  private final Stores stores = new InMemoryStores();
  private final ProviderGateway euGateway = euProvider.gateway();
  private final WebhookVerifier euVerifier = euProvider.webhookVerifier(clock);
  private final WebhookParser euParser = euProvider.webhookParser();
  private final ProviderGateway usGateway = usProvider.gateway();
  private final WebhookVerifier usVerifier = usProvider.webhookVerifier(clock);
  private final WebhookParser usParser = usProvider.webhookParser();

  private PaykitCore readmeCore() {
    ProviderName eu = ProviderName.of("psp-eu");
    ProviderName us = ProviderName.of("psp-us");
    PaykitCore paykit =
        PaykitCore.builder()
            .stores(stores)
            .providers(
                ProviderGateways.of(
                    List.of(
                        new ProviderGateways.Provider(eu, euGateway, euVerifier, euParser),
                        new ProviderGateways.Provider(us, usGateway, usVerifier, usParser))))
            // Dollars to psp-us, the rest to psp-eu; the other one is the failover candidate.
            .routing(
                request ->
                    request.amount().currencyCode().equals("USD")
                        ? List.of(us, eu)
                        : List.of(eu, us))
            .build();
    return paykit;
  }

  @Test
  void dollars_go_to_psp_us_and_euros_to_psp_eu() {
    PaykitCore paykit = readmeCore();

    Payment dollars = create(paykit, "order-usd", Money.of(1050, "USD"));
    Payment euros = create(paykit, "order-eur", Money.of(1050, "EUR"));

    assertThat(dollars.provider()).isEqualTo(ProviderName.of("psp-us"));
    assertThat(euros.provider()).isEqualTo(ProviderName.of("psp-eu"));
    assertThat(usProvider.ledger().paymentsCreated(new ExternalId("order-usd"))).isEqualTo(1);
    assertThat(euProvider.ledger().paymentsCreated(new ExternalId("order-eur"))).isEqualTo(1);
  }

  @Test
  void euros_go_to_psp_us_only_when_psp_eu_certainly_did_not_act() {
    PaykitCore paykit = readmeCore();
    euProvider.unavailable(FlowProvider.Request.CREATE_PAYMENT);

    Payment euros = create(paykit, "order-eur", Money.of(1050, "EUR"));

    assertThat(euros.provider()).isEqualTo(ProviderName.of("psp-us"));
    assertThat(euProvider.ledger().paymentsCreated(new ExternalId("order-eur"))).isZero();
    assertThat(usProvider.ledger().paymentsCreated(new ExternalId("order-eur"))).isEqualTo(1);
  }

  private static Payment create(PaykitCore paykit, String order, Money amount) {
    return paykit
        .create()
        .create(
            new CreatePaymentCommand(
                IdempotencyKey.of(order + "-attempt-1"), PaymentSamples.request(order, amount)))
        .payment();
  }
}
