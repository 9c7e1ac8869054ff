package dev.paykit.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.paykit.domain.ValidationException;
import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.out.Secret;
import dev.paykit.port.shared.WebhookHeaders;
import dev.paykit.port.shared.WebhookVerification;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link StandardWebhookVerifier} on any headers and body: never an exception, within {@link
 * FuzzTime#PER_INPUT}; verified only when the signature header holds a {@code v1} entry that this
 * test's own HMAC ({@link StandardWebhookVerifierTest#sign}, independent of the verifier) produced
 * for the id, timestamp and body, with a timestamp within the tolerance; and verified whenever such
 * an entry is there with a valid id and timestamp. Seeds: {@code
 * StandardWebhookVerifierFuzzTestInputs}.
 */
class StandardWebhookVerifierFuzzTest {
  private static final String SECRET = StandardWebhookVerifierTest.VECTOR_SECRET;
  private static final String OTHER_SECRET =
      "whsec_" + Base64.getEncoder().encodeToString("rotated-out-key".getBytes());
  private static final Instant NOW = Instant.ofEpochSecond(1614265330);
  private static final long TOLERANCE = StandardWebhookVerifier.DEFAULT_TOLERANCE.toSeconds();

  private final StandardWebhookVerifier verifier =
      new StandardWebhookVerifier(
          List.of(Secret.of(OTHER_SECRET), Secret.of(SECRET)), Clock.fixed(NOW, ZoneOffset.UTC));

  @FuzzTest
  void verifies_only_what_the_secret_signed(FuzzedDataProvider data) {
    boolean signItTruly = data.consumeBoolean();
    boolean plainTimestamp = data.consumeBoolean();
    long offset = data.consumeLong(-3 * TOLERANCE, 3 * TOLERANCE);
    String id = data.consumeString(300);
    String timestamp =
        plainTimestamp ? Long.toString(NOW.getEpochSecond() + offset) : data.consumeString(20);
    String signatures = data.consumeString(400);
    byte[] body = data.consumeRemainingAsBytes();
    String ownSignature = StandardWebhookVerifierTest.sign(SECRET, id, timestamp, body);
    if (signItTruly) {
      signatures = signatures + " " + ownSignature;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("webhook-id", id);
    headers.put("webhook-timestamp", timestamp);
    headers.put("webhook-signature", signatures);

    WebhookVerification verification =
        FuzzTime.bounded(() -> verifier.verify(body, WebhookHeaders.of(headers)));

    boolean carriesOwnSignature = carries(signatures, ownSignature);
    if (verification instanceof WebhookVerification.Verified verified) {
      assertThat(carriesOwnSignature)
          .as("a verified webhook carries the signature this test's HMAC made")
          .isTrue();
      assertThat(verified.signedEventId().orElseThrow().value()).isEqualTo(id);
      assertThat(Math.abs(verified.timestamp().getEpochSecond() - NOW.getEpochSecond()))
          .isLessThanOrEqualTo(TOLERANCE);
    } else if (carriesOwnSignature
        && isEventId(id)
        && plainTimestamp
        && Math.abs(offset) <= TOLERANCE) {
      throw new AssertionError("a truly signed, fresh webhook was rejected: " + verification);
    }
  }

  /** Whether a space-separated entry of {@code header} decodes to the bytes of {@code own}. */
  private static boolean carries(String header, String own) {
    byte[] expected = Base64.getDecoder().decode(own.substring("v1,".length()));
    for (String entry : header.trim().split(" +")) {
      if (!entry.startsWith("v1,")) {
        continue;
      }
      try {
        if (MessageDigest.isEqual(
            expected, Base64.getDecoder().decode(entry.substring("v1,".length())))) {
          return true;
        }
      } catch (IllegalArgumentException notBase64) {
        // Not a signature at all.
      }
    }
    return false;
  }

  private static boolean isEventId(String id) {
    if (id.isBlank()) {
      return false;
    }
    try {
      new EventId(id);
      return true;
    } catch (ValidationException e) {
      return false;
    }
  }
}
