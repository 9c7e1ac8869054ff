package dev.paykit.adapter.http;

import dev.paykit.domain.ValidationException;
import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.out.Secret;
import dev.paykit.port.out.WebhookVerifier;
import dev.paykit.port.shared.WebhookHeaders;
import dev.paykit.port.shared.WebhookVerification;
import dev.paykit.port.shared.WebhookVerification.Reason;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies webhooks signed with the Standard Webhooks scheme: HMAC-SHA256 over {@code
 * <webhook-id>.<webhook-timestamp>.<raw body>}, keyed with the decoded bytes of a {@code whsec_}
 * secret, sent as space-separated {@code v1,<base64>} entries in {@code webhook-signature}.
 *
 * <p>During a secret rotation both the provider and this verifier hold several secrets: a webhook
 * is accepted when any of its signatures matches any configured secret. Signatures are compared in
 * constant time, and a timestamp more than the tolerance (5 minutes by default) away from the
 * clock, in either direction, is rejected so that a captured webhook cannot be replayed later.
 */
public final class StandardWebhookVerifier implements WebhookVerifier {

  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  private static final String ID_HEADER = "webhook-id";
  private static final String TIMESTAMP_HEADER = "webhook-timestamp";
  private static final String SIGNATURE_HEADER = "webhook-signature";

  private static final String SECRET_PREFIX = "whsec_";
  private static final String VERSION = "v1";
  private static final String HMAC = "HmacSHA256";
  private static final int MAX_TIMESTAMP_DIGITS = 12;
  private static final Pattern UNIX_SECONDS =
      Pattern.compile("[0-9]{1," + MAX_TIMESTAMP_DIGITS + "}");
  private static final Pattern SPACES = Pattern.compile(" +");

  private final List<SecretKeySpec> keys;
  private final Clock clock;
  private final Duration tolerance;

  public StandardWebhookVerifier(List<Secret> secrets, Clock clock) {
    this(secrets, clock, DEFAULT_TOLERANCE);
  }

  /**
   * @throws IllegalArgumentException if there is no secret or one is not a {@code whsec_} secret;
   *     the message says which (by position), never what it holds
   */
  public StandardWebhookVerifier(List<Secret> secrets, Clock clock, Duration tolerance) {
    Objects.requireNonNull(secrets, "secrets");
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("at least one webhook secret is required");
    }
    List<SecretKeySpec> decoded = new ArrayList<>();
    for (int i = 0; i < secrets.size(); i++) {
      try {
        decoded.add(new SecretKeySpec(decodeKey(secrets.get(i)), HMAC));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "webhook secret " + (i + 1) + " of " + secrets.size() + ": " + e.getMessage());
      }
    }
    this.keys = List.copyOf(decoded);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
    if (tolerance.isNegative()) {
      throw new IllegalArgumentException("tolerance must not be negative");
    }
  }

  /**
   * The HMAC key of a secret: the base64 after {@code whsec_}. As in the reference libraries, the
   * prefix may be left out.
   *
   * @throws IllegalArgumentException without quoting the secret
   */
  static byte[] decodeKey(Secret secret) {
    Objects.requireNonNull(secret, "secret");
    String value = secret.reveal();
    String encoded =
        value.startsWith(SECRET_PREFIX) ? value.substring(SECRET_PREFIX.length()) : value;
    byte[] key;
    try {
      key = Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("must be whsec_ followed by base64");
    }
    if (key.length == 0) {
      throw new IllegalArgumentException("must be whsec_ followed by base64 of at least one byte");
    }
    return key;
  }

  @Override
  public WebhookVerification verify(byte[] rawBody, WebhookHeaders headers) {
    Objects.requireNonNull(rawBody, "rawBody");
    Objects.requireNonNull(headers, "headers");
    String id = headers.first(ID_HEADER).filter(v -> !v.isBlank()).orElse(null);
    String timestamp = headers.first(TIMESTAMP_HEADER).filter(v -> !v.isBlank()).orElse(null);
    String signatures = headers.first(SIGNATURE_HEADER).filter(v -> !v.isBlank()).orElse(null);
    if (id == null) {
      return rejected(Reason.MISSING_HEADER, ID_HEADER + " is missing");
    }
    if (timestamp == null) {
      return rejected(Reason.MISSING_HEADER, TIMESTAMP_HEADER + " is missing");
    }
    if (signatures == null) {
      return rejected(Reason.MISSING_HEADER, SIGNATURE_HEADER + " is missing");
    }
    EventId eventId;
    try {
      eventId = new EventId(id);
    } catch (ValidationException e) {
      return rejected(Reason.MALFORMED, ID_HEADER + " " + e.rule());
    }
    if (!UNIX_SECONDS.matcher(timestamp).matches()) {
      return rejected(Reason.MALFORMED, TIMESTAMP_HEADER + " is not whole Unix seconds");
    }
    Instant sentAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
    Instant now = clock.instant();
    if (sentAt.isBefore(now.minus(tolerance))) {
      return rejected(
          Reason.STALE_TIMESTAMP,
          TIMESTAMP_HEADER + " is " + Duration.between(sentAt, now).toSeconds() + " s old");
    }
    if (sentAt.isAfter(now.plus(tolerance))) {
      return rejected(
          Reason.FUTURE_TIMESTAMP,
          TIMESTAMP_HEADER + " is " + Duration.between(now, sentAt).toSeconds() + " s ahead");
    }
    byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
    return matchSignature(prefix, rawBody, signatures, eventId, sentAt);
  }

  /**
   * Matches the signatures in {@code header} against the HMAC of {@code prefix} then {@code body}.
   */
  private WebhookVerification matchSignature(
      byte[] prefix, byte[] body, String header, EventId eventId, Instant sentAt) {
    List<byte[]> candidates = new ArrayList<>();
    int entries = 0;
    int malformed = 0;
    for (String entry : SPACES.split(header.trim())) {
      entries++;
      int comma = entry.indexOf(',');
      if (comma < 1) {
        malformed++;
        continue;
      }
      // Other versions (an asymmetric v1a, a future v2) are someone else's to check.
      if (!entry.substring(0, comma).equals(VERSION)) {
        continue;
      }
      try {
        candidates.add(Base64.getDecoder().decode(entry.substring(comma + 1)));
      } catch (IllegalArgumentException e) {
        malformed++;
      }
    }
    if (malformed == entries) {
      return rejected(
          Reason.MALFORMED, SIGNATURE_HEADER + " has no entry of the form <version>,<base64>");
    }
    for (SecretKeySpec key : keys) {
      byte[] expected = hmac(key, prefix, body);
      for (byte[] candidate : candidates) {
        if (MessageDigest.isEqual(expected, candidate)) {
          return WebhookVerification.Verified.withSignedId(eventId, sentAt);
        }
      }
    }
    return rejected(
        Reason.NO_MATCHING_SIGNATURE,
        candidates.size()
            + " v1 signature(s) checked against "
            + keys.size()
            + " secret(s), none matches");
  }

  /** The signed content is fed in two parts, so the body is never copied. */
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

  private static WebhookVerification rejected(Reason reason, String detail) {
    return new WebhookVerification.Rejected(reason, detail);
  }
}
