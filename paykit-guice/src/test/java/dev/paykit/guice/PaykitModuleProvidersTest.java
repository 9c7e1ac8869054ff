package dev.paykit.guice;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.multibindings.OptionalBinder;
import dev.paykit.adapter.inmemory.InMemoryStoreModule;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.ProviderName;
import dev.paykit.port.in.CreatePayment;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.ProviderGateways;
import dev.paykit.port.out.ProviderRouting;
import dev.paykit.service.PaykitSettings;
import dev.paykit.testkit.PaymentSamples;
import dev.paykit.testkit.fake.FakeProvider;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Several providers and the shop's routing rule, bound in Guice without a single gateway. */
class PaykitModuleProvidersTest {
  private static final ProviderName EU = ProviderName.of("psp-eu");
  private static final ProviderName US = ProviderName.of("psp-us");

  private final Clock clock = Clock.systemUTC();
  private final FakeProvider eu = new FakeProvider(clock);
  private final FakeProvider us = new FakeProvider(clock);

  private Injector injector(boolean withRouting) {
    return Guice.createInjector(
        new PaykitModule(PaykitSettings.defaults(), clock),
        new InMemoryStoreModule(),
        new AbstractModule() {
          @Override
          protected void configure() {
            bind(PaykitObserver.class).toInstance(PaykitObserver.noop());
            OptionalBinder.newOptionalBinder(binder(), ProviderGateways.class)
                .setBinding()
                .toInstance(
                    ProviderGateways.of(
                        List.of(
                            new ProviderGateways.Provider(
                                EU, eu.gateway(), eu.webhookVerifier(clock), eu.webhookParser()),
                            new ProviderGateways.Provider(
                                US, us.gateway(), us.webhookVerifier(clock), us.webhookParser()))));
            if (withRouting) {
              OptionalBinder.newOptionalBinder(binder(), ProviderRouting.class)
                  .setBinding()
                  .toInstance(
                      request ->
                          request.amount().currencyCode().equals("USD")
                              ? List.of(US, EU)
                              : List.of(EU, US));
            }
          }
        });
  }

  @Test
  void the_shops_routing_rule_picks_each_payments_provider() {
    CreatePayment create = injector(true).getInstance(CreatePayment.class);

    assertThat(create(create, "order-1", "EUR").provider()).isEqualTo(EU);
    assertThat(create(create, "order-2", "USD").provider()).isEqualTo(US);
    assertThat(eu.ledger().totalPaymentsCreated()).isEqualTo(1);
    assertThat(us.ledger().totalPaymentsCreated()).isEqualTo(1);
  }

  @Test
  void without_a_rule_every_payment_goes_to_the_first_provider() {
    CreatePayment create = injector(false).getInstance(CreatePayment.class);

    assertThat(create(create, "order-1", "USD").provider()).isEqualTo(EU);
    assertThat(us.ledger().createCalls()).isZero();
  }

  private static Payment create(CreatePayment create, String order, String currency) {
    return create
        .create(
            new CreatePaymentCommand(
                IdempotencyKey.derive("test", order),
                PaymentSamples.request(order, Money.of(1050, currency))))
        .payment();
  }
}
