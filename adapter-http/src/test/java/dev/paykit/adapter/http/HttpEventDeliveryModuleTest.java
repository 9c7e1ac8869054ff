package dev.paykit.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.OptionalBinder;
import dev.paykit.adapter.http.EventEndpoint.Received;
import dev.paykit.port.out.PaymentEventHandler;
import dev.paykit.port.shared.WebhookVerification;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpEventDeliveryModuleTest {

  /** What the core's module declares: an optional handler, none by default. */
  private static final AbstractModule CORE_DECLARES_AN_OPTIONAL_HANDLER =
      new AbstractModule() {
        @Override
        protected void configure() {
          OptionalBinder.newOptionalBinder(binder(), PaymentEventHandler.class);
        }
      };

  private static final AbstractModule APPLICATION =
      new AbstractModule() {
        @Override
        protected void configure() {
          bind(Clock.class).toInstance(Clock.systemUTC());
        }
      };

  @Test
  void the_module_makes_the_delivery_the_cores_handler_and_one_instance_of_it() throws Exception {
    try (EventEndpoint endpoint = new EventEndpoint()) {
      Injector injector =
          Guice.createInjector(
              CORE_DECLARES_AN_OPTIONAL_HANDLER,
              APPLICATION,
              new HttpEventDeliveryModule(
                  EventDeliverySettings.of(
                      endpoint.url(), List.of(HttpEventDeliveryTest.NEW_SECRET))));

      Optional<PaymentEventHandler> handler =
          injector.getInstance(Key.get(new TypeLiteral<Optional<PaymentEventHandler>>() {}));

      assertThat(handler).containsSame(injector.getInstance(HttpEventDelivery.class));
      handler.orElseThrow().handle(HttpEventDeliveryTest.succeeded(1));
      Received request = endpoint.last();
      assertThat(
              new StandardWebhookVerifier(
                      List.of(HttpEventDeliveryTest.NEW_SECRET), Clock.systemUTC())
                  .verify(request.body(), request.headers()))
          .isInstanceOf(WebhookVerification.Verified.class);
    }
  }
}
