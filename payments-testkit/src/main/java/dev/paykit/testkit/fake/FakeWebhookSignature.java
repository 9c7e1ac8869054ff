package dev.paykit.testkit.fake;

import dev.paykit.port.shared.WebhookHeaders;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform must provide HmacSHA256", e);
    }
  }

  static WebhookHeaders headers(byte[] key, String id, long timestamp, byte[] body) {
    String time = Long.toString(timestamp);
    String signature = Base64.getEncoder().encodeToString(hmac(key, id, time, body));
    return WebhookHeaders.of(
        Map.of(ID_HEADER, id, TIMESTAMP_HEADER, time, SIGNATURE_HEADER, "v1," + signature));
  }
}
