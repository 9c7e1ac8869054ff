package dev.paykit.spring.boot;

import dev.paykit.adapter.http.HttpProviderGateway;
import dev.paykit.adapter.http.ProviderHttpSettings;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.shared.ProviderError;
import dev.paykit.transport.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Asks the provider for one page of an order that does not exist, through a gateway of its own with
 * the application's credentials: it must obtain a token first. The gateway has its own token cache,
 * one attempt and short timeouts, and reports to no observer, so a health check neither waits
 * through retries nor shows up in the payment metrics.
 */
final class HttpProviderCheck implements ProviderCheck {
  private static final Duration MOST = Duration.ofSeconds(5);
  private static final ExternalId NO_ORDER = new ExternalId("paykit-health-check");

  private final ProviderGateway probe;

  HttpProviderCheck(ProviderHttpSettings settings, Clock clock) {
    ProviderHttpSettings once =
        new ProviderHttpSettings(
            settings.baseUri(),
            settings.clientId(),
            settings.clientSecret(),
            List.of(),
            min(settings.connectTimeout()),
            min(settings.requestTimeout()),
            new RetryPolicy(1, Duration.ofMillis(100), Duration.ofMillis(100), MOST));
    this.probe = HttpProviderGateway.create(once, PaykitObserver.noop(), clock);
  }

  @Override
  public Optional<String> problem() {
    return probe
        .findPayments(NO_ORDER, null, 1)
        .fold(
            page -> Optional.empty(),
            rejected ->
                rejected.error().kind() == ProviderError.Kind.AUTHENTICATION
                    ? Optional.of("no token: the provider refused the client credentials")
                    // Any other refusal came after the token was accepted.
                    : Optional.empty(),
            unavailable -> Optional.of("no token: the provider could not be reached"),
            unknown -> Optional.of("no token: the provider did not answer"));
  }

  private static Duration min(Duration configured) {
    return configured.compareTo(MOST) < 0 ? configured : MOST;
  }
}
