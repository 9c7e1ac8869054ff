package dev.paykit.adapter.stripe;

import dev.paykit.port.out.Secret;
import dev.paykit.transport.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where and how to reach Stripe. The gateway's transport checks what it uses when it is built: the
 * URLs ({@code https://} unless loopback), the key, the timeout and the retry policy.
 *
 * @param baseUri {@link #STRIPE_API}, or a fake's
 * @param filesUri {@link #STRIPE_FILES}, where evidence documents are uploaded; a fake's own base
 * @param apiKey the secret key ({@code sk_...} or a restricted {@code rk_...})
 * @param webhookSecrets the endpoint secrets ({@code whsec_...}); several while one is rolled
 * @param paymentPage where the customer pays an intent (yours, with Stripe's Elements, or the
 *     fake's {@code /checkout}); {@code ?payment_intent=<id>} is added for each payment
 * @param timeout for connecting and for each whole exchange, body included
 */
public record StripeSettings(
    URI baseUri,
    URI filesUri,
    Secret apiKey,
    List<Secret> webhookSecrets,
    URI paymentPage,
    Duration timeout,
    RetryPolicy retryPolicy) {
  public static final URI STRIPE_API = URI.create("https://api.stripe.com");
  public static final URI STRIPE_FILES = URI.create("https://files.stripe.com");

  public StripeSettings {
    Objects.requireNonNull(baseUri, "baseUri");
    Objects.requireNonNull(filesUri, "filesUri");
    webhookSecrets = List.copyOf(Objects.requireNonNull(webhookSecrets, "webhookSecrets"));
    Objects.requireNonNull(paymentPage, "paymentPage");
  }
}
