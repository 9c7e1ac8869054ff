package dev.paykit.app.tour;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a body the Standard Webhooks way (HMAC-SHA256 over {@code id.timestamp.body}) with a key of
 * the caller's choosing: how the tour's attacker forges a webhook with a key that is not the
 * provider's.
 */
public final class WebhookSigner {
  private final byte[] key;

  public WebhookSigner(byte[] key) {
    this.key = key.clone();
  }

  /** The headers a sender puts on the delivery of {@code body} as event {@code eventId}. */
  public Map<String, String> headers(String eventId, Instant sentAt, byte[] body) {
    String timestamp = Long.toString(sentAt.getEpochSecond());
    return Map.of(
        "content-type",
        "application/json",
        "webhook-id",
        eventId,
        "webhook-timestamp",
        timestamp,
        "webhook-signature",
        "v1," + sign(eventId + "." + timestamp + ".", body));
  }

  private String sign(String prefix, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(prefix.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime provides HmacSHA256", e);
    }
  }
}
