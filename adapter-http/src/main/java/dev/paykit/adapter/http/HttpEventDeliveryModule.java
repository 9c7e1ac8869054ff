package dev.paykit.adapter.http;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import dev.paykit.port.out.PaymentEventHandler;
import java.time.Clock;
import java.util.Objects;

/**
 * Makes {@link HttpEventDelivery} the core's {@link PaymentEventHandler}, through the optional
 * binding {@code PaykitModule} declares, and binds it as a singleton so that the application can
 * inject it to call {@link HttpEventDelivery#enable()}. Expects the application to bind a {@link
 * Clock}.
 */
public final class HttpEventDeliveryModule extends AbstractModule {
  private final EventDeliverySettings settings;

  public HttpEventDeliveryModule(EventDeliverySettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  protected void configure() {
    OptionalBinder.newOptionalBinder(binder(), PaymentEventHandler.class)
        .setBinding()
        .to(HttpEventDelivery.class);
  }

  @Provides
  @Singleton
  HttpEventDelivery httpEventDelivery(Clock clock) {
    return new HttpEventDelivery(settings, clock);
  }
}
