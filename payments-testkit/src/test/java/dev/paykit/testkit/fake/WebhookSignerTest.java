package dev.paykit.testkit.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paykit.port.shared.WebhookHeaders;
import dev.paykit.port.shared.WebhookVerification;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {
  /** The Standard Webhooks specification's own example. */
  private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long SPEC_TIMESTAMP = 1614265330;
  private static final byte[] SPEC_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

  @Test
  void signs_the_standard_webhooks_example_as_the_specification_does() {
    assertThat(WebhookSigner.of(SPEC_SECRET).signature(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY))
        .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void a_delivery_carries_the_three_signature_headers_and_the_json_content_type() {
    WebhookSigner signer = WebhookSigner.of(SPEC_SECRET);

    Map<String, String> headers = signer.headers(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY);

    assertThat(headers)
        .containsEntry("webhook-id", SPEC_ID)
        .containsEntry("webhook-timestamp", "1614265330")
        .containsEntry("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
        .containsEntry("content-type", "application/json")
        .hasSize(4);
    assertThat(signer.signatureHeaders(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY))
        .hasSize(3)
        .doesNotContainKey("content-type");
  }

  @Test
  void what_it_signs_verifies_with_its_key_and_not_with_another() {
    Instant now = Instant.ofEpochSecond(SPEC_TIMESTAMP);
    WebhookSigner signer = WebhookSigner.of(WebhookSigner.randomSecret());
    FakeWebhookVerifier verifier =
        new FakeWebhookVerifier(signer.key(), Clock.fixed(now, ZoneOffset.UTC));
    WebhookHeaders signed = signer.webhookHeaders(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY);
    WebhookHeaders forged =
        WebhookSigner.random().webhookHeaders(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY);

    assertThat(verifier.verify(SPEC_BODY, signed)).isInstanceOf(WebhookVerification.Verified.class);
    assertThat(verifier.verify(SPEC_BODY, forged)).isInstanceOf(WebhookVerification.Rejected.class);
    assertThat(verifier.verify("{\"test\": 1}".getBytes(StandardCharsets.UTF_8), signed))
        .isInstanceOf(WebhookVerification.Rejected.class);
  }

  @Test
  void a_secret_not_of_the_whsec_form_is_refused_without_repeating_it() {
    assertThatThrownBy(() -> WebhookSigner.of("sk_live_not_a_webhook_secret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("whsec_")
        .hasMessageNotContaining("sk_live");
    assertThatThrownBy(() -> WebhookSigner.of("whsec_***"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("base64")
        .hasMessageNotContaining("***");
    assertThat(WebhookSigner.of(SPEC_SECRET).toString()).doesNotContain("MfKQ9r8G");
  }
}
