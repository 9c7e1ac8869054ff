package dev.paykit.app;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import dev.paykit.adapter.stripe.StripeGateway;
import dev.paykit.adapter.stripe.StripeSettings;
import dev.paykit.adapter.stripe.StripeSignatureVerifier;
import dev.paykit.adapter.stripe.StripeWebhookParser;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.ProviderName;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.ProviderGateways;
import dev.paykit.port.out.ProviderRouting;
import dev.paykit.port.out.WebhookParser;
import dev.paykit.port.out.WebhookVerifier;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The demo's two providers: the reference one ({@link ProviderName#DEFAULT}, whose adapters the
 * provider module binds) and Stripe ({@link #STRIPE}, the fake's), with the routing rule: dollars
 * to Stripe, euros to the reference provider with Stripe as their backup, every other currency to
 * the reference provider alone.
 */
final class DemoProviders extends AbstractModule {
  /** The second provider's name; its webhooks come to {@code /webhooks/stripe}. */
  static final ProviderName STRIPE = ProviderName.of("stripe");

  private static final List<ProviderName> DOLLARS = List.of(STRIPE);
  private static final List<ProviderName> EUROS = List.of(ProviderName.DEFAULT, STRIPE);
  private static final List<ProviderName> OTHERS = List.of(ProviderName.DEFAULT);
  private static final String SEVERAL = "demo-providers";

  private final StripeSettings stripe;
  private final Clock clock;

  DemoProviders(StripeSettings stripe, Clock clock) {
    this.stripe = Objects.requireNonNull(stripe, "stripe");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The routing rule, a pure function of the request's currency. */
  static List<ProviderName> route(PaymentRequest request) {
    return switch (request.amount().currencyCode()) {
      case "USD" -> DOLLARS;
      case "EUR" -> EUROS;
      default -> OTHERS;
    };
  }

  @Override
  protected void configure() {
    OptionalBinder.newOptionalBinder(binder(), ProviderGateways.class)
        .setBinding()
        .to(Key.get(ProviderGateways.class, Names.named(SEVERAL)));
    OptionalBinder.newOptionalBinder(binder(), ProviderRouting.class)
        .setBinding()
        .toInstance(DemoProviders::route);
  }

  @Provides
  @Singleton
  @Named(SEVERAL)
  ProviderGateways providers(
      ProviderGateway reference,
      WebhookVerifier referenceVerifier,
      WebhookParser referenceParser,
      PaykitObserver observer) {
    return ProviderGateways.of(
        List.of(
            new ProviderGateways.Provider(
                ProviderName.DEFAULT, reference, referenceVerifier, referenceParser),
            new ProviderGateways.Provider(
                STRIPE,
                new StripeGateway(stripe, observer, clock),
                new StripeSignatureVerifier(stripe.webhookSecrets(), clock),
                new StripeWebhookParser())));
  }
}
