package dev.paykit.spring.boot;

import dev.paykit.adapter.http.HttpProviderGateway;
import dev.paykit.adapter.http.JacksonWebhookParser;
import dev.paykit.adapter.http.ProviderHttpSettings;
import dev.paykit.adapter.http.StandardWebhookVerifier;
import dev.paykit.domain.ValidationException;
import dev.paykit.domain.payment.SecureUrl;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.ProviderGateways;
import dev.paykit.port.out.Secret;
import dev.paykit.port.out.WebhookParser;
import dev.paykit.port.out.WebhookVerifier;
import dev.paykit.transport.RetryPolicy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The reference provider API over HTTP ({@code paykit-adapter-http}): the gateway from {@code
 * paykit.provider.*}, the Standard Webhooks verifier from {@code paykit.webhooks.secrets} and the
 * webhook parser, each unless the application defines its own. An application with several
 * providers defines a {@link ProviderGateways} bean, and this one provider is not made.
 */
@AutoConfiguration
@ConditionalOnClass(HttpProviderGateway.class)
@ConditionalOnMissingBean(ProviderGateways.class)
@EnableConfigurationProperties(PaykitProperties.class)
public class PaykitHttpProviderAutoConfiguration {
  private static final String PROVIDER = "paykit.provider.";
  private static final String SECRETS = "paykit.webhooks.secrets";

  @Bean
  @ConditionalOnMissingBean
  WebhookVerifier paykitWebhookVerifier(PaykitProperties properties, Clock clock) {
    return new StandardWebhookVerifier(webhookSecrets(properties, true), clock);
  }

  @Bean
  @ConditionalOnMissingBean
  WebhookParser paykitWebhookParser() {
    return new JacksonWebhookParser();
  }

  /** The gateway and what it needs, only when the application has no gateway of its own. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingBean(ProviderGateway.class)
  static class Gateway {

    @Bean
    @ConditionalOnMissingBean
    ProviderHttpSettings paykitProviderSettings(PaykitProperties properties) {
      return providerSettings(properties);
    }

    @Bean
    ProviderGateway paykitProviderGateway(
        ProviderHttpSettings settings, PaykitObserver observer, Clock clock) {
      return HttpProviderGateway.create(settings, observer, clock);
    }

    @Bean
    @ConditionalOnMissingBean
    ProviderCheck paykitProviderCheck(ProviderHttpSettings settings, Clock clock) {
      return new HttpProviderCheck(settings, clock);
    }
  }

  static ProviderHttpSettings providerSettings(PaykitProperties properties) {
    PaykitProperties.Provider provider = properties.getProvider();
    URI url = required(PROVIDER + "url", provider.getUrl());
    try {
      SecureUrl.require("url", url);
    } catch (ValidationException e) {
      // SecureUrl's messages never quote the URL, which may hold credentials.
      throw new InvalidPaykitPropertyException(
          PROVIDER + "url", e.getMessage().substring("url: ".length()));
    }
    String clientId = provider.getClient().getId();
    if (clientId == null || clientId.isBlank()) {
      throw new InvalidPaykitPropertyException(PROVIDER + "client.id", "is required");
    }
    Secret clientSecret = provider.getClient().getSecret();
    if (clientSecret == null || clientSecret.reveal().isBlank()) {
      throw new InvalidPaykitPropertyException(
          PROVIDER + "client.secret",
          "is required (from the environment, PAYKIT_PROVIDER_CLIENT_SECRET, or a config tree)");
    }
    Duration connect =
        PaykitSettingsFactory.positive(PROVIDER + "connect-timeout", provider.getConnectTimeout());
    Duration request =
        PaykitSettingsFactory.positive(PROVIDER + "request-timeout", provider.getRequestTimeout());
    return new ProviderHttpSettings(
        url,
        clientId.strip(),
        Secret.of(clientSecret.reveal().strip()),
        webhookSecrets(properties, false),
        connect,
        request,
        retryPolicy(provider.getRetry()));
  }

  private static RetryPolicy retryPolicy(PaykitProperties.Retry retry) {
    String prefix = PROVIDER + "retry.";
    if (retry.getMaxAttempts() < 1) {
      throw new InvalidPaykitPropertyException(
          prefix + "max-attempts", "must be at least 1, was " + retry.getMaxAttempts());
    }
    Duration base = PaykitSettingsFactory.positive(prefix + "base-delay", retry.getBaseDelay());
    Duration max = PaykitSettingsFactory.positive(prefix + "max-delay", retry.getMaxDelay());
    Duration budget = PaykitSettingsFactory.positive(prefix + "budget", retry.getBudget());
    if (max.compareTo(base) < 0) {
      throw new InvalidPaykitPropertyException(
          prefix + "max-delay", "must not be shorter than " + prefix + "base-delay");
    }
    return new RetryPolicy(retry.getMaxAttempts(), base, max, budget);
  }

  /**
   * The webhook secrets, each checked to be {@code whsec_} and base64. The verifier's message says
   * which entry is wrong, never what it holds.
   */
  private static List<Secret> webhookSecrets(PaykitProperties properties, boolean required) {
    List<Secret> secrets =
        properties.getWebhooks().getSecrets().stream()
            .map(secret -> Secret.of(secret.reveal().strip()))
            .filter(secret -> !secret.isEmpty())
            .toList();
    if (required && secrets.isEmpty()) {
      throw new InvalidPaykitPropertyException(
          SECRETS,
          "is required (whsec_..., from the environment, PAYKIT_WEBHOOKS_SECRETS, or a config"
              + " tree)");
    }
    if (!secrets.isEmpty()) {
      try {
        new StandardWebhookVerifier(secrets, Clock.systemUTC());
      } catch (IllegalArgumentException e) {
        throw new InvalidPaykitPropertyException(SECRETS, "has an invalid " + e.getMessage());
      }
    }
    return secrets;
  }

  private static <T> T required(String property, T value) {
    if (value == null) {
      throw new InvalidPaykitPropertyException(property, "is required");
    }
    return value;
  }
}
