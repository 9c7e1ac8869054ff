package dev.paykit.testkit.fake;

import dev.paykit.port.shared.WebhookHeaders;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook deliveries the way the reference API's provider does (Standard Webhooks:
 * HMAC-SHA256 over {@code <webhook-id>.<webhook-timestamp>.<raw body>} with the decoded bytes of a
 * {@code whsec_} secret, sent as {@code v1,<base64>}), so that a test or a load generator can send
 * deliveries a receiver must accept, and forgeries it must not. The {@link FakeProvider} signs its
 * webhooks with it too.
 */
public final class WebhookSigner {
  private static final String PREFIX = "whsec_";

  private final byte[] key;

  WebhookSigner(byte[] key) {
    this.key = key.clone();
  }

  /**
   * @param secret {@code whsec_<base64 of the key>}
   * @throws IllegalArgumentException if it is not of that form (the message does not repeat it)
   */
  public static WebhookSigner of(String secret) {
    Objects.requireNonNull(secret, "secret");
    if (!secret.startsWith(PREFIX)) {
      throw new IllegalArgumentException("a webhook secret starts with " + PREFIX);
    }
    try {
      return new WebhookSigner(Base64.getDecoder().decode(secret.substring(PREFIX.length())));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a webhook secret is " + PREFIX + " and standard base64");
    }
  }

  /** A signer with a fresh random key: what a forger without the secret has. */
  public static WebhookSigner random() {
    return new WebhookSigner(randomKey());
  }

  /** A fresh random {@code whsec_} secret of 32 key bytes. */
  public static String randomSecret() {
    return PREFIX + Base64.getEncoder().encodeToString(randomKey());
  }

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  /** The HMAC key: the secret's decoded bytes. */
  public byte[] key() {
    return key.clone();
  }

  /** The raw HMAC-SHA256 of a delivery, for a verifier to compare in constant time. */
  byte[] mac(String eventId, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((eventId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform must provide HmacSHA256", e);
    }
  }

  /** The {@code v1,<base64>} signature of a delivery. */
  public String signature(String eventId, long timestampSeconds, byte[] body) {
    return "v1,"
        + Base64.getEncoder().encodeToString(mac(eventId, Long.toString(timestampSeconds), body));
  }

  /** {@code webhook-id}, {@code webhook-timestamp} and {@code webhook-signature}. */
  public Map<String, String> signatureHeaders(String eventId, long timestampSeconds, byte[] body) {
    return Map.of(
        FakeWebhookSignature.ID_HEADER,
        eventId,
        FakeWebhookSignature.TIMESTAMP_HEADER,
        Long.toString(timestampSeconds),
        FakeWebhookSignature.SIGNATURE_HEADER,
        signature(eventId, timestampSeconds, body));
  }

  /**
   * The headers of an HTTP delivery of a reference API event: the {@link #signatureHeaders} and
   * {@code content-type: application/json}.
   */
  public Map<String, String> headers(String eventId, long timestampSeconds, byte[] body) {
    Map<String, String> headers = new HashMap<>(signatureHeaders(eventId, timestampSeconds, body));
    headers.put("content-type", "application/json");
    return Map.copyOf(headers);
  }

  /** {@link #headers} as a receiver sees them. */
  public WebhookHeaders webhookHeaders(String eventId, long timestampSeconds, byte[] body) {
    return WebhookHeaders.of(headers(eventId, timestampSeconds, body));
  }

  @Override
  public String toString() {
    return "WebhookSigner[key not shown]";
  }
}
