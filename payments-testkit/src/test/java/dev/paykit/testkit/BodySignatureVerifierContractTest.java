package dev.paykit.testkit;

import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.out.Secret;
import dev.paykit.port.out.WebhookVerifier;
import dev.paykit.port.shared.WebhookHeaders;
import dev.paykit.port.shared.WebhookVerification;
import dev.paykit.port.shared.WebhookVerification.Reason;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The verifier contract passes for a scheme that signs no event id of its own: one header, {@code
 * Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}, as Stripe's {@code
 * Stripe-Signature} is. The id is in the signed body, for the parser to read.
 */
class BodySignatureVerifierContractTest extends WebhookVerifierContract {
  private static final String HEADER = "Signature";

  @Override
  protected List<PublishedVector> publishedVectors() {
    Instant signedAt = Instant.ofEpochSecond(1614556800L);
    // Signed outside Java: printf '%s' '1614556800.<body>' | openssl dgst -sha256 -hmac <secret>
    return List.of(
        new PublishedVector(
            "a vector signed with openssl",
            List.of(Secret.of("body-only-secret")),
            "{\"id\":\"evt_published\",\"type\":\"payment.status_changed\"}"
                .getBytes(StandardCharsets.UTF_8),
            headers(
                "t=1614556800,v1=4d18d6394be08f6121fa6fc4741e835c31c941bf3bc9ff723512515d07d3c89e"),
            signedAt,
            null,
            signedAt));
  }

  @Override
  protected WebhookVerifier verifier(List<Secret> secrets, Clock clock) {
    return new BodySignatureVerifier(secrets, clock);
  }

  @Override
  protected Secret newSecret() {
    return Secret.of(UUID.randomUUID().toString());
  }

  @Override
  protected Delivery sign(EventId eventId, Instant timestamp, List<Secret> secrets) {
    byte[] body =
        ("{\"id\":\"" + eventId.value() + "\",\"type\":\"payment.status_changed\"}")
            .getBytes(StandardCharsets.UTF_8);
    String t = Long.toString(timestamp.getEpochSecond());
    String signatures =
        secrets.stream()
            .map(secret -> "v1=" + HexFormat.of().formatHex(hmac(secret, t, body)))
            .collect(Collectors.joining(","));
    return new Delivery(body, headers("t=" + t + "," + signatures));
  }

  @Override
  protected Map<String, WebhookHeaders> malformedHeaders(WebhookHeaders signed) {
    String header = signed.first(HEADER).orElseThrow();
    String signature = header.substring(header.indexOf(",v1=") + 1);
    Map<String, WebhookHeaders> malformed = new LinkedHashMap<>();
    malformed.put("no timestamp", headers(signature));
    malformed.put("a timestamp that is not a number", headers("t=yesterday," + signature));
    malformed.put("no v1 signature", headers(header.substring(0, header.indexOf(','))));
    malformed.put("a signature that is not hex", headers("t=1,v1=not-hex"));
    return malformed;
  }

  private static WebhookHeaders headers(String value) {
    return WebhookHeaders.of(Map.of(HEADER, value));
  }

  private static byte[] hmac(Secret secret, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is in every JDK", e);
    }
  }

  /** The scheme's verifier: it answers the timestamp it checked, and no id. */
  private static final class BodySignatureVerifier implements WebhookVerifier {
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final List<Secret> secrets;
    private final Clock clock;

    BodySignatureVerifier(List<Secret> secrets, Clock clock) {
      if (secrets.isEmpty()) {
        throw new IllegalArgumentException("secrets: at least one is needed");
      }
      this.secrets = List.copyOf(secrets);
      this.clock = clock;
    }

    @Override
    public WebhookVerification verify(byte[] rawBody, WebhookHeaders headers) {
      String header = headers.first(HEADER).filter(v -> !v.isBlank()).orElse(null);
      if (header == null) {
        return new WebhookVerification.Rejected(Reason.MISSING_HEADER, HEADER + " is missing");
      }
      String timestamp = null;
      List<byte[]> signatures = new ArrayList<>();
      for (String entry : header.split(",")) {
        if (entry.startsWith("t=")) {
          timestamp = entry.substring(2);
        } else if (entry.startsWith("v1=")) {
          String hex = entry.substring(3);
          if (!hex.matches("[0-9a-f]{64}")) {
            return malformed("a v1 signature is not 64 hex digits");
          }
          signatures.add(HexFormat.of().parseHex(hex));
        }
      }
      if (timestamp == null || !timestamp.matches("[0-9]{1,12}")) {
        return malformed("t is missing or not whole Unix seconds");
      }
      if (signatures.isEmpty()) {
        return malformed("no v1 signature");
      }
      Instant sentAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
      Instant now = clock.instant();
      if (sentAt.isBefore(now.minus(TOLERANCE))) {
        return new WebhookVerification.Rejected(Reason.STALE_TIMESTAMP, "t is too old");
      }
      if (sentAt.isAfter(now.plus(TOLERANCE))) {
        return new WebhookVerification.Rejected(Reason.FUTURE_TIMESTAMP, "t is too far ahead");
      }
      for (Secret secret : secrets) {
        byte[] expected = hmac(secret, timestamp, rawBody);
        for (byte[] signature : signatures) {
          if (MessageDigest.isEqual(expected, signature)) {
            return WebhookVerification.Verified.withoutSignedId(sentAt);
          }
        }
      }
      return new WebhookVerification.Rejected(
          Reason.NO_MATCHING_SIGNATURE, "no signature matches a secret");
    }

    private static WebhookVerification malformed(String detail) {
      return new WebhookVerification.Rejected(Reason.MALFORMED, HEADER + ": " + detail);
    }
  }
}
