package dev.paykit.adapter.http;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.WebhookParser;
import dev.paykit.port.out.WebhookVerifier;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Binds the reference provider: {@link ProviderGateway}, {@link WebhookVerifier} and {@link
 * WebhookParser}. Expects the application to bind a {@link PaykitObserver} and a {@link Clock}.
 */
public final class HttpProviderModule extends AbstractModule {
  private final ProviderHttpSettings settings;

  public HttpProviderModule(ProviderHttpSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * @see ProviderHttpSettings#fromEnvironment
   */
  public static HttpProviderModule fromEnvironment(Map<String, String> env) {
    return new HttpProviderModule(ProviderHttpSettings.fromEnvironment(env));
  }

  @Provides
  @Singleton
  ProviderGateway providerGateway(PaykitObserver observer, Clock clock) {
    return HttpProviderGateway.create(settings, observer, clock);
  }

  @Provides
  @Singleton
  WebhookVerifier webhookVerifier(Clock clock) {
    return new StandardWebhookVerifier(settings.webhookSecrets(), clock);
  }

  @Provides
  @Singleton
  WebhookParser webhookParser() {
    return new JacksonWebhookParser();
  }
}
