package dev.paykit.bench.support;

import dev.paykit.port.shared.WebhookHeaders;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook bodies the way the provider does (Standard Webhooks: HMAC-SHA256 over {@code
 * <id>.<timestamp>.<body>} with the decoded bytes of a {@code whsec_} secret), so that the harness
 * can send deliveries the receiver must accept, and forgeries it must not.
 */
public final class WebhookSigner {
  private static final String PREFIX = "whsec_";

  private final byte[] key;

  private WebhookSigner(byte[] key) {
    this.key = key;
  }

  /**
   * @param secret {@code whsec_<base64>}
   */
  public static WebhookSigner of(String secret) {
    if (!secret.startsWith(PREFIX)) {
      throw new IllegalArgumentException("a webhook secret starts with " + PREFIX);
    }
    return new WebhookSigner(Base64.getDecoder().decode(secret.substring(PREFIX.length())));
  }

  /** A signer with a fresh random key: what a forger without the secret has. */
  public static WebhookSigner random() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return new WebhookSigner(key);
  }

  /** A fresh random {@code whsec_} secret. */
  public static String randomSecret() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }

  public byte[] key() {
    return key.clone();
  }

  /** The {@code v1,<base64>} signature of a delivery. */
  public String signature(String eventId, long timestampSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((eventId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime provides HmacSHA256", e);
    }
  }

  /** The three headers of a delivery signed now-ish at {@code timestampSeconds}. */
  public Map<String, String> headers(String eventId, long timestampSeconds, byte[] body) {
    return Map.of(
        "webhook-id",
        eventId,
        "webhook-timestamp",
        Long.toString(timestampSeconds),
        "webhook-signature",
        signature(eventId, timestampSeconds, body),
        "content-type",
        "application/json");
  }

  public WebhookHeaders webhookHeaders(String eventId, long timestampSeconds, byte[] body) {
    return WebhookHeaders.of(headers(eventId, timestampSeconds, body));
  }
}
