package dev.paykit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.paykit.adapter.http.JacksonWebhookParser;
import dev.paykit.adapter.http.StandardWebhookVerifier;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.ProviderName;
import dev.paykit.port.in.CreatePayment;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.ProviderGateways;
import dev.paykit.port.out.ProviderRouting;
import dev.paykit.port.out.Secret;
import dev.paykit.testkit.PaymentSamples;
import dev.paykit.testkit.fake.InstantGateway;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * An application with two providers: its {@link ProviderGateways} and {@link ProviderRouting} beans
 * replace the one provider of {@code paykit.provider.*}, which then need not be set.
 */
class PaykitSeveralProvidersAutoConfigurationTest {
  private static final ProviderName EU = ProviderName.of("psp-eu");
  private static final ProviderName US = ProviderName.of("psp-us");

  private final WebApplicationContextRunner runner =
      new WebApplicationContextRunner()
          .withConfiguration(PaykitAutoConfigurationTest.PAYKIT)
          .withConfiguration(AutoConfigurations.of(WebMvcAutoConfiguration.class))
          .withPropertyValues("paykit.store.type=memory", "paykit.webhooks.path=/hooks/paykit")
          .withBean(ProviderGateways.class, PaykitSeveralProvidersAutoConfigurationTest::providers)
          .withBean(
              ProviderRouting.class,
              () ->
                  request ->
                      request.amount().currencyCode().equals("USD")
                          ? List.of(US, EU)
                          : List.of(EU, US));

  private static ProviderGateways providers() {
    Clock clock = Clock.systemUTC();
    return ProviderGateways.of(
        List.of(
            provider(EU, new InstantGateway(clock, "eu"), clock),
            provider(US, new InstantGateway(clock, "us"), clock)));
  }

  private static ProviderGateways.Provider provider(
      ProviderName name, ProviderGateway gateway, Clock clock) {
    return new ProviderGateways.Provider(
        name,
        gateway,
        new StandardWebhookVerifier(
            List.of(Secret.of(PaykitAutoConfigurationTest.WEBHOOK_SECRET)), clock),
        new JacksonWebhookParser());
  }

  @Test
  void the_routing_rule_picks_the_provider_and_no_provider_properties_are_needed() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed().doesNotHaveBean(ProviderGateway.class);
          CreatePayment create = context.getBean(CreatePayment.class);

          assertThat(
                  create
                      .create(
                          new CreatePaymentCommand(
                              IdempotencyKey.of("key-1"),
                              PaymentSamples.request("order-1", Money.of(1050, "USD"))))
                      .payment()
                      .provider())
              .isEqualTo(US);
        });
  }

  @Test
  void each_provider_has_its_webhook_endpoint_under_the_configured_path() {
    runner.run(
        context -> {
          MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();

          mvc.perform(post("/hooks/paykit/psp-eu").contentType("application/json").content("{}"))
              .andExpect(status().isUnauthorized())
              .andExpect(
                  content().string("{\"result\":\"rejected\",\"reason\":\"MISSING_HEADER\"}"));
          mvc.perform(
                  post("/hooks/paykit/psp-nobody").contentType("application/json").content("{}"))
              .andExpect(status().isNotFound());
          mvc.perform(post("/hooks/paykit").contentType("application/json").content("{}"))
              .andExpect(status().isNotFound());
        });
  }
}
