package dev.paykit.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.out.Secret;
import dev.paykit.port.shared.WebhookHeaders;
import dev.paykit.port.shared.WebhookVerification;
import dev.paykit.port.shared.WebhookVerification.Reason;
import dev.paykit.sandbox.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StandardWebhookVerifierTest {

  /**
   * The vector every Standard Webhooks reference library (standard-webhooks/standard-webhooks,
   * libraries/*) tests its signing against.
   */
  static final String VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  static final String VECTOR_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  static final String VECTOR_TIMESTAMP = "1614265330";
  static final byte[] VECTOR_PAYLOAD = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
  static final String VECTOR_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  private static final Instant VECTOR_TIME = Instant.ofEpochSecond(1614265330);

  private final MutableClock clock = MutableClock.at(VECTOR_TIME);

  private StandardWebhookVerifier verifier(String... secrets) {
    return new StandardWebhookVerifier(
        java.util.Arrays.stream(secrets).map(Secret::of).toList(), clock);
  }

  private static WebhookHeaders headers(String id, String timestamp, String signature) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (id != null) {
      headers.put("webhook-id", id);
    }
    if (timestamp != null) {
      headers.put("webhook-timestamp", timestamp);
    }
    if (signature != null) {
      headers.put("webhook-signature", signature);
    }
    return WebhookHeaders.of(headers);
  }

  private static WebhookHeaders vectorHeaders(String signature) {
    return headers(VECTOR_ID, VECTOR_TIMESTAMP, signature);
  }

  /** Signs as a provider would, independently of the verifier under test. */
  static String sign(String whsecSecret, String id, String timestamp, byte[] body) {
    try {
      byte[] key = Base64.getDecoder().decode(whsecSecret.substring("whsec_".length()));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  @Nested
  class The_published_test_vectors {

    @Test
    void our_signing_reproduces_the_vector_signature() {
      assertThat(sign(VECTOR_SECRET, VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_PAYLOAD))
          .isEqualTo(VECTOR_SIGNATURE);
    }

    @Test
    void the_vector_verifies() {
      WebhookVerification result =
          verifier(VECTOR_SECRET).verify(VECTOR_PAYLOAD, vectorHeaders(VECTOR_SIGNATURE));

      assertThat(result)
          .isEqualTo(
              WebhookVerification.Verified.withSignedId(new EventId(VECTOR_ID), VECTOR_TIME));
    }

    @Test
    void the_vector_verifies_with_the_secret_given_without_its_prefix() {
      WebhookVerification result =
          verifier("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
              .verify(VECTOR_PAYLOAD, vectorHeaders(VECTOR_SIGNATURE));

      assertThat(result).isInstanceOf(WebhookVerification.Verified.class);
    }

    @Test
    void the_vector_with_its_last_signature_byte_changed_is_rejected() {
      WebhookVerification result =
          verifier(VECTOR_SECRET)
              .verify(
                  VECTOR_PAYLOAD, vectorHeaders("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA="));

      assertThat(reason(result)).isEqualTo(Reason.NO_MATCHING_SIGNATURE);
    }

    @Test
    void the_vector_among_other_versions_and_wrong_signatures_verifies() {
      String header =
          String.join(
              " ",
              "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=",
              "v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=",
              VECTOR_SIGNATURE,
              "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=");

      WebhookVerification result =
          verifier(VECTOR_SECRET).verify(VECTOR_PAYLOAD, vectorHeaders(header));

      assertThat(result).isInstanceOf(WebhookVerification.Verified.class);
    }

    @Test
    void a_timestamp_that_is_not_a_number_is_malformed() {
      WebhookVerification result =
          verifier(VECTOR_SECRET)
              .verify(VECTOR_PAYLOAD, headers(VECTOR_ID, "hello", VECTOR_SIGNATURE));

      assertThat(reason(result)).isEqualTo(Reason.MALFORMED);
      assertThat(detail(result)).contains("webhook-timestamp");
    }

    @Test
    void one_second_beyond_the_tolerance_either_way_is_rejected() {
      StandardWebhookVerifier verifier = verifier(VECTOR_SECRET);

      clock.advance(Duration.ofMinutes(5).plusSeconds(1));
      assertThat(reason(verifier.verify(VECTOR_PAYLOAD, vectorHeaders(VECTOR_SIGNATURE))))
          .isEqualTo(Reason.STALE_TIMESTAMP);

      clock.advance(Duration.ofMinutes(-10).minusSeconds(2));
      assertThat(reason(verifier.verify(VECTOR_PAYLOAD, vectorHeaders(VECTOR_SIGNATURE))))
          .isEqualTo(Reason.FUTURE_TIMESTAMP);
    }
  }

  @Nested
  class Missing_headers {
    @Test
    void a_missing_id_is_named() {
      WebhookVerification result =
          verifier(VECTOR_SECRET)
              .verify(VECTOR_PAYLOAD, headers(null, VECTOR_TIMESTAMP, VECTOR_SIGNATURE));

      assertThat(reason(result)).isEqualTo(Reason.MISSING_HEADER);
      assertThat(detail(result)).contains("webhook-id");
    }

    @Test
    void a_missing_timestamp_is_named() {
      WebhookVerification result =
          verifier(VECTOR_SECRET)
              .verify(VECTOR_PAYLOAD, headers(VECTOR_ID, null, VECTOR_SIGNATURE));

      assertThat(reason(result)).isEqualTo(Reason.MISSING_HEADER);
      assertThat(detail(result)).contains("webhook-timestamp");
    }

    @Test
    void a_missing_signature_is_named() {
      WebhookVerification result =
          verifier(VECTOR_SECRET)
              .verify(VECTOR_PAYLOAD, headers(VECTOR_ID, VECTOR_TIMESTAMP, null));

      assertThat(reason(result)).isEqualTo(Reason.MISSING_HEADER);
      assertThat(detail(result)).contains("webhook-signature");
    }

    @Test
    void a_blank_header_counts_as_missing() {
      WebhookVerification result =
          verifier(VECTOR_SECRET)
              .verify(VECTOR_PAYLOAD, headers(VECTOR_ID, VECTOR_TIMESTAMP, "  "));

      assertThat(reason(result)).isEqualTo(Reason.MISSING_HEADER);
    }

    @Test
    void header_names_are_matched_case_insensitively() {
      WebhookHeaders mixedCase =
          WebhookHeaders.of(
              Map.of(
                  "Webhook-Id", VECTOR_ID,
                  "WEBHOOK-TIMESTAMP", VECTOR_TIMESTAMP,
                  "Webhook-Signature", VECTOR_SIGNATURE));

      assertThat(verifier(VECTOR_SECRET).verify(VECTOR_PAYLOAD, mixedCase))
          .isInstanceOf(WebhookVerification.Verified.class);
    }
  }

  @Nested
  class Malformed_values {
    @Test
    void a_signature_without_a_version_is_malformed() {
      WebhookVerification result =
          verifier(VECTOR_SECRET)
              .verify(
                  VECTOR_PAYLOAD, vectorHeaders("g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));

      assertThat(reason(result)).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void a_signature_that_is_not_base64_is_malformed() {
      WebhookVerification result =
          verifier(VECTOR_SECRET).verify(VECTOR_PAYLOAD, vectorHeaders("v1,not*base64!"));

      assertThat(reason(result)).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void a_malformed_entry_beside_a_wrong_signature_is_no_match() {
      WebhookVerification result =
          verifier(VECTOR_SECRET)
              .verify(
                  VECTOR_PAYLOAD,
                  vectorHeaders("v1,not*base64! v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc="));

      assertThat(reason(result)).isEqualTo(Reason.NO_MATCHING_SIGNATURE);
    }

    @Test
    void a_negative_or_fractional_timestamp_is_malformed() {
      assertThat(
              reason(
                  verifier(VECTOR_SECRET)
                      .verify(VECTOR_PAYLOAD, headers(VECTOR_ID, "-1614265330", VECTOR_SIGNATURE))))
          .isEqualTo(Reason.MALFORMED);
      assertThat(
              reason(
                  verifier(VECTOR_SECRET)
                      .verify(
                          VECTOR_PAYLOAD, headers(VECTOR_ID, "1614265330.5", VECTOR_SIGNATURE))))
          .isEqualTo(Reason.MALFORMED);
    }

    @Test
    void an_id_with_control_characters_is_malformed() {
      WebhookVerification result =
          verifier(VECTOR_SECRET)
              .verify(VECTOR_PAYLOAD, headers("msg\u0007", VECTOR_TIMESTAMP, VECTOR_SIGNATURE));

      assertThat(reason(result)).isEqualTo(Reason.MALFORMED);
    }
  }

  @Nested
  class Tolerance {
    @Test
    void exactly_five_minutes_either_way_is_accepted() {
      StandardWebhookVerifier verifier = verifier(VECTOR_SECRET);

      clock.advance(Duration.ofMinutes(5));
      assertThat(verifier.verify(VECTOR_PAYLOAD, vectorHeaders(VECTOR_SIGNATURE)))
          .isInstanceOf(WebhookVerification.Verified.class);

      clock.advance(Duration.ofMinutes(-10));
      assertThat(verifier.verify(VECTOR_PAYLOAD, vectorHeaders(VECTOR_SIGNATURE)))
          .isInstanceOf(WebhookVerification.Verified.class);
    }

    @Test
    void a_stale_timestamp_is_rejected_even_with_a_valid_signature_and_says_how_old() {
      clock.advance(Duration.ofHours(1));

      WebhookVerification result =
          verifier(VECTOR_SECRET).verify(VECTOR_PAYLOAD, vectorHeaders(VECTOR_SIGNATURE));

      assertThat(reason(result)).isEqualTo(Reason.STALE_TIMESTAMP);
      assertThat(detail(result)).contains("3600 s old");
    }
  }

  @Nested
  class Signatures {
    private static final String OLD_SECRET = VECTOR_SECRET;
    private static final String NEW_SECRET =
        "whsec_"
            + Base64.getEncoder()
                .encodeToString(
                    "a brand new key of 32 bytes....!".getBytes(StandardCharsets.US_ASCII));

    @Test
    void a_tampered_body_is_rejected() {
      byte[] tampered = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);

      WebhookVerification result =
          verifier(VECTOR_SECRET).verify(tampered, vectorHeaders(VECTOR_SIGNATURE));

      assertThat(reason(result)).isEqualTo(Reason.NO_MATCHING_SIGNATURE);
    }

    @Test
    void a_signature_over_another_id_is_rejected() {
      WebhookVerification result =
          verifier(VECTOR_SECRET)
              .verify(VECTOR_PAYLOAD, headers("msg_other", VECTOR_TIMESTAMP, VECTOR_SIGNATURE));

      assertThat(reason(result)).isEqualTo(Reason.NO_MATCHING_SIGNATURE);
    }

    @Test
    void during_rotation_a_webhook_signed_with_either_secret_verifies() {
      StandardWebhookVerifier rotating = verifier(NEW_SECRET, OLD_SECRET);
      String signedWithNew = sign(NEW_SECRET, VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_PAYLOAD);

      assertThat(rotating.verify(VECTOR_PAYLOAD, vectorHeaders(VECTOR_SIGNATURE)))
          .isInstanceOf(WebhookVerification.Verified.class);
      assertThat(rotating.verify(VECTOR_PAYLOAD, vectorHeaders(signedWithNew)))
          .isInstanceOf(WebhookVerification.Verified.class);
    }

    @Test
    void a_provider_signing_with_both_secrets_is_accepted_by_a_receiver_holding_only_the_new_one() {
      String both =
          sign(OLD_SECRET, VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_PAYLOAD)
              + " "
              + sign(NEW_SECRET, VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_PAYLOAD);

      assertThat(verifier(NEW_SECRET).verify(VECTOR_PAYLOAD, vectorHeaders(both)))
          .isInstanceOf(WebhookVerification.Verified.class);
    }

    @Test
    void a_secret_that_is_no_longer_held_no_longer_verifies() {
      WebhookVerification result =
          verifier(NEW_SECRET).verify(VECTOR_PAYLOAD, vectorHeaders(VECTOR_SIGNATURE));

      assertThat(reason(result)).isEqualTo(Reason.NO_MATCHING_SIGNATURE);
    }
  }

  @Nested
  class Secrets {
    @Test
    void a_verifier_needs_at_least_one_secret() {
      assertThatThrownBy(() -> new StandardWebhookVerifier(List.of(), clock))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_invalid_secret_is_refused_by_position_without_quoting_it() {
      String bad = "whsec_th!s-is-not-base64";

      assertThatThrownBy(() -> verifier(VECTOR_SECRET, bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("webhook secret 2 of 2")
          .hasMessageNotContaining("th!s");
    }
  }

  private static Reason reason(WebhookVerification verification) {
    assertThat(verification).isInstanceOf(WebhookVerification.Rejected.class);
    return ((WebhookVerification.Rejected) verification).reason();
  }

  private static String detail(WebhookVerification verification) {
    assertThat(verification).isInstanceOf(WebhookVerification.Rejected.class);
    return ((WebhookVerification.Rejected) verification).detail();
  }
}
