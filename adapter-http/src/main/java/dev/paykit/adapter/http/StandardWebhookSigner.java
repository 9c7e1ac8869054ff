package dev.paykit.adapter.http;

import dev.paykit.port.out.Secret;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs with the Standard Webhooks scheme, the counterpart of {@link StandardWebhookVerifier}: one
 * {@code v1,<base64 HMAC-SHA256 of id.timestamp.body>} entry per secret, newest first, separated by
 * spaces. A receiver accepts the delivery when any entry matches any secret it holds, so signing
 * with each configured secret lets a rotation proceed on either side first.
 */
final class StandardWebhookSigner {
  private static final String HMAC = "HmacSHA256";

  private final List<SecretKeySpec> keys;

  /** {@code secrets} are checked already ({@link EventDeliverySettings}). */
  StandardWebhookSigner(List<Secret> secrets) {
    Objects.requireNonNull(secrets, "secrets");
    this.keys =
        secrets.stream()
            .map(secret -> new SecretKeySpec(StandardWebhookVerifier.decodeKey(secret), HMAC))
            .toList();
  }

  /** The {@code webhook-signature} header's value for this id, timestamp and body. */
  String signature(String id, String timestamp, byte[] body) {
    byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
    StringBuilder header = new StringBuilder();
    for (SecretKeySpec key : keys) {
      if (header.length() > 0) {
        header.append(' ');
      }
      header.append("v1,").append(Base64.getEncoder().encodeToString(hmac(key, prefix, body)));
    }
    return header.toString();
  }

  private static byte[] hmac(SecretKeySpec key, byte[] prefix, byte[] body) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      mac.update(prefix);
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every Java runtime provides HmacSHA256", e);
    }
  }
}
