package dev.paykit.stripefake;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link FakeStripe} is set up.
 *
 * @param apiKey the one secret API key it accepts, as {@code Authorization: Bearer <key>} (or as
 *     the Basic user name, as {@code curl -u sk_test_...:} sends it)
 * @param webhookSecrets the endpoint secrets it signs events with, newest first: each signature
 *     header carries one {@code v1} per secret, as Stripe's does while a secret is being rolled
 * @param webhookUrl where events are posted; {@code null} keeps them in {@link FakeStripe#events()}
 *     only
 * @param clock the time of {@code created}, of event timestamps and of idempotency-key expiry
 * @param keyMemory how long an idempotency key's answer is kept (Stripe: at least 24 hours)
 * @param evidenceWindow how long after it opens a dispute takes evidence
 */
public record FakeStripeConfig(
    String apiKey,
    List<String> webhookSecrets,
    URI webhookUrl,
    Clock clock,
    Duration keyMemory,
    Duration evidenceWindow) {

  public FakeStripeConfig {
    Objects.requireNonNull(apiKey, "apiKey");
    if (apiKey.isBlank()) {
      throw new IllegalArgumentException("apiKey must not be blank");
    }
    webhookSecrets = List.copyOf(webhookSecrets);
    if (webhookSecrets.isEmpty() || webhookSecrets.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException("webhookSecrets needs at least one non-empty secret");
    }
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(keyMemory, "keyMemory");
    Objects.requireNonNull(evidenceWindow, "evidenceWindow");
  }

  /** Test credentials, no webhook URL, the system clock, 24 hours of key memory, 7 days. */
  public static FakeStripeConfig defaults() {
    return new FakeStripeConfig(
        "sk_test_paykit_fake",
        List.of("whsec_paykit_fake_endpoint_secret"),
        null,
        Clock.systemUTC(),
        Duration.ofHours(24),
        Duration.ofDays(7));
  }

  public FakeStripeConfig withApiKey(String key) {
    return new FakeStripeConfig(key, webhookSecrets, webhookUrl, clock, keyMemory, evidenceWindow);
  }

  public FakeStripeConfig withWebhookSecrets(List<String> secrets) {
    return new FakeStripeConfig(apiKey, secrets, webhookUrl, clock, keyMemory, evidenceWindow);
  }

  public FakeStripeConfig withWebhookUrl(URI url) {
    return new FakeStripeConfig(apiKey, webhookSecrets, url, clock, keyMemory, evidenceWindow);
  }

  public FakeStripeConfig withClock(Clock newClock) {
    return new FakeStripeConfig(
        apiKey, webhookSecrets, webhookUrl, newClock, keyMemory, evidenceWindow);
  }

  /** Secrets never reach a log line through this record. */
  @Override
  public String toString() {
    return "FakeStripeConfig[webhookUrl=" + webhookUrl + ", keyMemory=" + keyMemory + "]";
  }
}
