package dev.paykit.adapter.stripe;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.paykit.port.out.Secret;
import dev.paykit.port.out.WebhookVerifier;
import dev.paykit.port.shared.WebhookHeaders;
import dev.paykit.port.shared.WebhookVerification;
import dev.paykit.port.shared.WebhookVerification.Reason;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stripe's webhook signature: {@code Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…]}, each
 * {@code v1} the HMAC-SHA256 of {@code "<t>.<raw body>"} keyed with the endpoint secret's bytes as
 * written ({@code whsec_…} included). Other schemes ({@code v0}) and elements are ignored; any
 * {@code v1} matching any held secret passes, compared in constant time; then {@code t} must be
 * within 300 seconds either way, the tolerance of Stripe's own libraries.
 */
public final class StripeSignatureVerifier implements WebhookVerifier {
  public static final String HEADER = "Stripe-Signature";
  private static final Duration TOLERANCE = Duration.ofSeconds(300);

  private final List<SecretKeySpec> keys;
  private final Clock clock;

  public StripeSignatureVerifier(List<Secret> secrets, Clock clock) {
    if (secrets.isEmpty() || secrets.stream().anyMatch(Secret::isEmpty)) {
      throw new IllegalArgumentException("at least one non-empty webhook secret is needed");
    }
    this.keys =
        secrets.stream()
            .map(s -> new SecretKeySpec(s.reveal().getBytes(UTF_8), "HmacSHA256"))
            .toList();
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public WebhookVerification verify(byte[] rawBody, WebhookHeaders headers) {
    String header = headers.first(HEADER).orElse(null);
    if (header == null) {
      return rejected(Reason.MISSING_HEADER, HEADER + " is missing");
    }
    String t = null;
    List<byte[]> signatures = new ArrayList<>();
    for (String element : header.split(",", -1)) {
      String[] pair = element.strip().split("=", 2);
      if (pair.length < 2
          || pair[0].equals("t") && (t != null || !pair[1].matches("\\d{1,12}"))
          || pair[0].equals("v1") && !pair[1].matches("[0-9a-fA-F]{64}")) {
        return rejected(Reason.MALFORMED, HEADER + " needs one t=<seconds> and v1=<64 hex digits>");
      }
      t = pair[0].equals("t") ? pair[1] : t;
      if (pair[0].equals("v1")) {
        signatures.add(HexFormat.of().parseHex(pair[1]));
      }
    }
    if (t == null || signatures.isEmpty()) {
      return rejected(Reason.MALFORMED, HEADER + " needs a t and at least one v1");
    }
    boolean match = false;
    for (SecretKeySpec key : keys) {
      byte[] expected = hmac(key, t, rawBody);
      for (byte[] signature : signatures) {
        match |= MessageDigest.isEqual(expected, signature);
      }
    }
    Instant signedAt = Instant.ofEpochSecond(Long.parseLong(t));
    if (!match) {
      return rejected(Reason.NO_MATCHING_SIGNATURE, "no v1 matches a held secret");
    }
    if (signedAt.isBefore(clock.instant().minus(TOLERANCE))) {
      return rejected(Reason.STALE_TIMESTAMP, "signed more than " + TOLERANCE + " ago");
    }
    if (signedAt.isAfter(clock.instant().plus(TOLERANCE))) {
      return rejected(Reason.FUTURE_TIMESTAMP, "signed more than " + TOLERANCE + " ahead");
    }
    return WebhookVerification.Verified.withoutSignedId(signedAt);
  }

  private static byte[] hmac(SecretKeySpec key, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update((timestamp + ".").getBytes(UTF_8));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }

  private static WebhookVerification rejected(Reason reason, String detail) {
    return new WebhookVerification.Rejected(reason, detail);
  }
}
