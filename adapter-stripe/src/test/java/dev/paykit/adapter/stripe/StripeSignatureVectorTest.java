package dev.paykit.adapter.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.port.out.Secret;
import dev.paykit.port.shared.WebhookHeaders;
import dev.paykit.port.shared.WebhookVerification;
import dev.paykit.stripefake.FakeStripe;
import dev.paykit.stripefake.FakeStripeConfig;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stripe's published vector, byte for byte, for the verifier and for the fake's signing. */
class StripeSignatureVectorTest {

  @Test
  void the_published_body_is_the_one_that_was_signed() {
    byte[] body = StripeVectors.body();

    assertThat(body).hasSize(484);
    assertThat(new String(body, StandardCharsets.UTF_8)).startsWith("{\n  \"id\": \"evt_123\",");
  }

  @Test
  void the_fakes_signature_of_the_published_body_is_the_published_v1() {
    String v1 =
        FakeStripe.sign(
            StripeVectors.SECRET, StripeVectors.SIGNED_AT.getEpochSecond(), StripeVectors.body());

    assertThat(v1).isEqualTo(StripeVectors.V1);
  }

  @Test
  void the_fakes_header_for_the_published_body_is_t_then_the_published_v1() {
    FakeStripeConfig config =
        FakeStripeConfig.defaults().withWebhookSecrets(List.of(StripeVectors.SECRET));
    try (FakeStripe stripe = FakeStripe.start(config)) {
      String header =
          stripe.signatureHeader(StripeVectors.body(), StripeVectors.SIGNED_AT.getEpochSecond());

      assertThat(header).isEqualTo("t=1533204620,v1=" + StripeVectors.V1);
    }
  }

  @Test
  void the_published_header_verifies_as_signed_at_its_timestamp_with_no_signed_event_id() {
    WebhookVerification result =
        new StripeSignatureVerifier(
                List.of(Secret.of(StripeVectors.SECRET)),
                Clock.fixed(StripeVectors.SIGNED_AT.plusSeconds(299), ZoneOffset.UTC))
            .verify(
                StripeVectors.body(),
                WebhookHeaders.of(Map.of("stripe-signature", StripeVectors.HEADER)));

    assertThat(result)
        .isEqualTo(WebhookVerification.Verified.withoutSignedId(StripeVectors.SIGNED_AT));
  }

  @Test
  void the_published_v1_under_another_timestamp_is_rejected_because_t_is_signed_too() {
    WebhookVerification result =
        new StripeSignatureVerifier(
                List.of(Secret.of(StripeVectors.SECRET)),
                Clock.fixed(StripeVectors.SIGNED_AT, ZoneOffset.UTC))
            .verify(
                StripeVectors.body(),
                WebhookHeaders.of(
                    Map.of("Stripe-Signature", "t=1533204621,v1=" + StripeVectors.V1)));

    assertThat(result).isInstanceOf(WebhookVerification.Rejected.class);
    assertThat(((WebhookVerification.Rejected) result).reason())
        .isEqualTo(WebhookVerification.Reason.NO_MATCHING_SIGNATURE);
  }
}
