package dev.paykit.guice;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.paykit.adapter.inmemory.InMemoryStoreModule;
import dev.paykit.adapter.observability.ObservabilityModule;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.ReturnUrls;
import dev.paykit.port.in.CreatePayment;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.in.CreatePaymentResult;
import dev.paykit.port.in.ListPayments;
import dev.paykit.port.in.ProcessInbox;
import dev.paykit.port.in.ReceiveWebhook;
import dev.paykit.port.in.Reconcile;
import dev.paykit.port.in.RefundPayment;
import dev.paykit.port.in.VerifyPayment;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.WebhookParser;
import dev.paykit.port.out.WebhookVerifier;
import dev.paykit.service.PaykitSettings;
import dev.paykit.testkit.fake.FakeProvider;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The app's wiring: every use case from its module, sharing one set of adapters. */
class CoreModuleTest {
  private final Clock clock = Clock.systemUTC();
  private final FakeProvider provider = new FakeProvider(clock);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  private final Injector injector =
      Guice.createInjector(
          new PaykitModule(PaykitSettings.defaults(), clock),
          new InMemoryStoreModule(),
          new ObservabilityModule(meters),
          new AbstractModule() {
            @Override
            protected void configure() {
              bind(ProviderGateway.class).toInstance(provider.gateway());
              bind(WebhookVerifier.class).toInstance(provider.webhookVerifier(clock));
              bind(WebhookParser.class).toInstance(provider.webhookParser());
            }
          });

  @Test
  void every_use_case_is_bound_once() {
    for (Class<?> useCase :
        List.of(
            CreatePayment.class,
            VerifyPayment.class,
            ReceiveWebhook.class,
            ProcessInbox.class,
            Reconcile.class,
            RefundPayment.class,
            ListPayments.class)) {
      assertThat(injector.getInstance(useCase)).isSameAs(injector.getInstance(useCase));
    }
  }

  @Test
  void a_payment_made_through_one_use_case_is_seen_by_another_and_counted() {
    CreatePaymentResult result =
        injector
            .getInstance(CreatePayment.class)
            .create(
                new CreatePaymentCommand(
                    IdempotencyKey.of("key-1"),
                    new PaymentRequest(
                        new ExternalId("order-1"),
                        Money.of(1050, "EUR"),
                        null,
                        null,
                        ReturnUrls.of("https://shop.example/ok", "https://shop.example/cancel"),
                        null)));

    assertThat(result).isInstanceOf(CreatePaymentResult.Started.class);
    ListPayments list = injector.getInstance(ListPayments.class);
    assertThat(list.find(result.payment().id())).contains(result.payment());
    assertThat(list.history(result.payment().id())).last().isEqualTo(result.payment().latest());
    assertThat(meters.counter("paykit.payments.created", "currency", "EUR").count()).isEqualTo(1);
  }
}
