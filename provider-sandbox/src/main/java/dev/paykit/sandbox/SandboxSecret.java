package dev.paykit.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;

/**
 * A secret value (client secret, webhook secret). Its {@link #toString()} never shows the value;
 * call {@link #reveal()} where the value is really needed.
 */
public final class SandboxSecret {

  private static final String WEBHOOK_PREFIX = "whsec_";

  private final String value;

  private SandboxSecret(String value) {
    this.value = value;
  }

  /** Wraps a secret value; it must not be empty. */
  public static SandboxSecret of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("a secret must not be empty");
    }
    return new SandboxSecret(value);
  }

  /** A random client secret (32 random bytes, base64url). */
  public static SandboxSecret randomClientSecret() {
    return new SandboxSecret(
        Base64.getUrlEncoder().withoutPadding().encodeToString(Ids.randomBytes(32)));
  }

  /** A random Standard Webhooks secret, {@code whsec_<base64 of 32 random bytes>}. */
  public static SandboxSecret randomWebhookSecret() {
    return new SandboxSecret(
        WEBHOOK_PREFIX + Base64.getEncoder().encodeToString(Ids.randomBytes(32)));
  }

  /**
   * A webhook secret: {@code whsec_} followed by the standard base64 of at least 16 key bytes.
   *
   * @throws IllegalArgumentException if the value is not of that form (the message never contains
   *     the value)
   */
  public static SandboxSecret webhookSecret(String value) {
    SandboxSecret secret = of(value);
    secret.webhookKeyBytes();
    return secret;
  }

  /** The secret value itself. */
  public String reveal() {
    return value;
  }

  /** Compares with a candidate value in constant time (for equal lengths). */
  public boolean matches(String candidate) {
    if (candidate == null) {
      return false;
    }
    return MessageDigest.isEqual(
        value.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
  }

  /** The HMAC key of a {@code whsec_} secret: the base64-decoded bytes after the prefix. */
  byte[] webhookKeyBytes() {
    if (!value.startsWith(WEBHOOK_PREFIX)) {
      throw new IllegalArgumentException("a webhook secret must start with " + WEBHOOK_PREFIX);
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(value.substring(WEBHOOK_PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "a webhook secret must be " + WEBHOOK_PREFIX + " followed by standard base64");
    }
    if (key.length < 16) {
      throw new IllegalArgumentException("a webhook secret must hold at least 16 key bytes");
    }
    return key;
  }

  @Override
  public String toString() {
    return "SandboxSecret[****]";
  }
}
