package dev.paykit.testkit.fake;

import dev.paykit.port.shared.WebhookHeaders;
import java.time.Duration;

/**
 * The reference API's signature scheme (Standard Webhooks): HMAC-SHA256 over {@code
 * <webhook-id>.<webhook-timestamp>.<raw body>}, base64, sent as {@code v1,<signature>}.
 */
final class FakeWebhookSignature {
  static final String ID_HEADER = "webhook-id";
  static final String TIMESTAMP_HEADER = "webhook-timestamp";
  static final String SIGNATURE_HEADER = "webhook-signature";
  static final Duration TOLERANCE = Duration.ofMinutes(5);

  private FakeWebhookSignature() {}

  static byte[] hmac(byte[] key, String id, String timestamp, byte[] body) {
    return new WebhookSigner(key).mac(id, timestamp, body);
  }

  static WebhookHeaders headers(byte[] key, String id, long timestamp, byte[] body) {
    return WebhookHeaders.of(new WebhookSigner(key).signatureHeaders(id, timestamp, body));
  }
}
