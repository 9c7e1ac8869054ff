package dev.paykit.inbound.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.adapter.inmemory.InMemoryStores;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.ProviderName;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.out.ProviderGateways;
import dev.paykit.service.PaykitCore;
import dev.paykit.testkit.PaymentSamples;
import dev.paykit.testkit.fake.FakeProvider;
import dev.paykit.testkit.fake.SignedWebhook;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One server for two providers: each provider's webhooks arrive at {@code /webhooks/<provider>} and
 * are verified with that provider's secret, whatever the other's endpoint would make of them.
 */
class JdkWebhookServerProvidersTest {
  private static final ProviderName EU = ProviderName.of("psp-eu");
  private static final ProviderName US = ProviderName.of("psp-us");

  private final Clock clock = Clock.systemUTC();
  private final FakeProvider eu = new FakeProvider(clock);
  private final FakeProvider us = new FakeProvider(clock);
  private final InMemoryStores stores = new InMemoryStores();
  private final PaykitCore paykit =
      PaykitCore.builder()
          .stores(stores)
          .providers(
              ProviderGateways.of(
                  List.of(
                      new ProviderGateways.Provider(
                          EU, eu.gateway(), eu.webhookVerifier(clock), eu.webhookParser()),
                      new ProviderGateways.Provider(
                          US, us.gateway(), us.webhookVerifier(clock), us.webhookParser()))))
          .routing(
              request ->
                  request.amount().currencyCode().equals("USD") ? List.of(US, EU) : List.of(EU, US))
          .clock(clock)
          .build();
  private final Http http = new Http();
  private JdkWebhookServer server;

  @BeforeEach
  void start() {
    server =
        new JdkWebhookServer(
                new WebhookEndpoint(paykit.receiveWebhook()), JdkWebhookServer.Settings.loopback(0))
            .start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void each_providers_webhooks_are_taken_at_its_own_path_and_stored_under_its_name()
      throws Exception {
    SignedWebhook confirmed = confirmedAt(us, "order-1");

    HttpResponse<String> atUs = http.post(URI.create(server.uri() + "/psp-us"), confirmed);

    assertThat(atUs.statusCode()).isEqualTo(200);
    assertThat(stores.inbox().find(US, confirmed.eventId())).isPresent();
    assertThat(stores.inbox().find(EU, confirmed.eventId())).isEmpty();
  }

  @Test
  void a_webhook_at_another_providers_path_fails_that_providers_signature_check() throws Exception {
    SignedWebhook confirmed = confirmedAt(us, "order-2");

    HttpResponse<String> atEu = http.post(URI.create(server.uri() + "/psp-eu"), confirmed);

    assertThat(atEu.statusCode()).isEqualTo(401);
    assertThat(stores.inbox().find(EU, confirmed.eventId())).isEmpty();
    assertThat(stores.inbox().find(US, confirmed.eventId())).isEmpty();
  }

  @Test
  void the_plain_path_is_the_default_providers_which_this_shop_does_not_have() throws Exception {
    HttpResponse<String> plain = http.post(server.uri(), confirmedAt(eu, "order-3"));

    assertThat(plain.statusCode()).isEqualTo(404);
    assertThat(plain.body()).contains("unknown_provider");
  }

  /** A payment for {@code order} in the provider's currency, confirmed: its signed webhook. */
  private SignedWebhook confirmedAt(FakeProvider provider, String order) {
    String currency = provider == us ? "USD" : "EUR";
    Payment payment =
        paykit
            .create()
            .create(
                new CreatePaymentCommand(
                    IdempotencyKey.derive("test", order),
                    PaymentSamples.request(
                        order, dev.paykit.domain.money.Money.of(1050, currency))))
            .payment();
    return provider.move(payment.transactionId(), ProviderStatus.CONFIRMED, null);
  }
}
