package dev.paykit.adapter.stripe;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.WebhookParser;
import dev.paykit.port.out.WebhookVerifier;
import java.time.Clock;
import java.util.Objects;

/**
 * Binds Stripe as the provider: {@link ProviderGateway}, {@link WebhookVerifier} and {@link
 * WebhookParser}. Expects the application to bind a {@link PaykitObserver} and a {@link Clock}.
 */
public final class StripeModule extends AbstractModule {
  private final StripeSettings settings;

  public StripeModule(StripeSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Provides
  @Singleton
  ProviderGateway providerGateway(PaykitObserver observer, Clock clock) {
    return new StripeGateway(settings, observer, clock);
  }

  @Provides
  @Singleton
  WebhookVerifier webhookVerifier(Clock clock) {
    return new StripeSignatureVerifier(settings.webhookSecrets(), clock);
  }

  @Provides
  @Singleton
  WebhookParser webhookParser() {
    return new StripeWebhookParser();
  }
}
