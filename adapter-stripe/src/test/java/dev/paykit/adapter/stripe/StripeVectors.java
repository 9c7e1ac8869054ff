package dev.paykit.adapter.stripe;

import dev.paykit.domain.webhook.EventId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * A signed event that Stripe publishes with its secret, timestamp, body and signature: the test
 * vector of Stripe's own .NET library (stripe/stripe-dotnet, {@code
 * src/StripeTests/Services/Events/EventUtilityTest.cs} and {@code
 * src/StripeTests/Resources/event_test_signature.json}), whose comment gives the command that makes
 * it: {@code (echo -n "1533204620." && cat event_test_signature.json) | openssl sha256 -hmac
 * "webhook_secret"}.
 */
final class StripeVectors {
  static final String SECRET = "webhook_secret";
  static final Instant SIGNED_AT = Instant.ofEpochSecond(1533204620L);
  static final String V1 = "2220f87ef101a04665f11cdf770523143f875572008577fa0f20882ddb9cc3c7";
  static final String HEADER =
      "t=1533204620,v1="
          + V1
          + ",v0=63f3a72374a733066c4be69ed7f8e5ac85c22c9f0a6a612ab9a025a9e4ee7eef";
  static final EventId EVENT_ID = new EventId("evt_123");

  private StripeVectors() {}

  /** The published body, byte for byte (484 bytes, LF line ends). */
  static byte[] body() {
    try (InputStream in = StripeVectors.class.getResourceAsStream("event_test_signature.json")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
