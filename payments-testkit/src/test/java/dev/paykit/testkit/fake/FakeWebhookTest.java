package dev.paykit.testkit.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.DeclineCode;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Failure;
import dev.paykit.domain.payment.FailureReason;
import dev.paykit.domain.payment.Metadata;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.payment.ReturnUrls;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.domain.refund.ProviderRefund;
import dev.paykit.domain.refund.RefundState;
import dev.paykit.domain.webhook.WebhookEvent;
import dev.paykit.port.out.MalformedWebhookException;
import dev.paykit.port.out.ProviderResult;
import dev.paykit.port.out.WebhookParser;
import dev.paykit.port.out.WebhookVerifier;
import dev.paykit.port.shared.WebhookHeaders;
import dev.paykit.port.shared.WebhookVerification;
import dev.paykit.port.shared.WebhookVerification.Reason;
import dev.paykit.testkit.PaymentSamples;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fake provider's webhooks: signed, verified and parsed as the receive path will. */
class FakeWebhookTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

  private final FakeProvider fake = new FakeProvider(Clock.fixed(NOW, ZoneOffset.UTC));
  private final WebhookParser parser = fake.webhookParser();
  private final TransactionId tx = createPayment();

  @Test
  void a_payment_webhook_survives_sign_verify_and_parse_with_every_field() {
    Failure declined =
        new Failure(FailureReason.DECLINED, DeclineCode.INSUFFICIENT_FUNDS, "issuer: not today");
    SignedWebhook webhook = fake.move(tx, ProviderStatus.DECLINED, declined);

    WebhookVerification verification = verifierAt(NOW).verify(webhook.body(), webhook.headers());
    WebhookEvent event = parser.parse(webhook.body());

    assertThat(verification)
        .isEqualTo(WebhookVerification.Verified.withSignedId(webhook.eventId(), NOW));
    assertThat(event)
        .isEqualTo(
            new WebhookEvent.PaymentStatusChanged(
                webhook.eventId(), NOW, fake.payment(tx).orElseThrow()));
  }

  @Test
  void a_refund_webhook_survives_sign_verify_and_parse() {
    fake.move(tx, ProviderStatus.CONFIRMED, null);
    ProviderRefund refund =
        ((ProviderResult.Success<ProviderRefund>)
                fake.gateway()
                    .createRefund(tx, Money.of(500, "EUR"), null, IdempotencyKey.of("key-r1")))
            .value();
    SignedWebhook webhook = fake.settleRefund(refund.refundId(), RefundState.FAILED);

    assertThat(verifierAt(NOW).verify(webhook.body(), webhook.headers()))
        .isInstanceOf(WebhookVerification.Verified.class);
    assertThat(parser.parse(webhook.body()))
        .isEqualTo(
            new WebhookEvent.RefundStatusChanged(
                webhook.eventId(), NOW, fake.refund(refund.refundId()).orElseThrow()));
  }

  @Test
  void a_forged_signature_is_rejected_as_no_matching_signature() {
    SignedWebhook forged = confirmed().forged();

    assertThat(reasonOf(forged.body(), forged.headers())).isEqualTo(Reason.NO_MATCHING_SIGNATURE);
  }

  @Test
  void a_tampered_body_is_rejected_as_no_matching_signature() {
    SignedWebhook original = confirmed();
    SignedWebhook tampered = original.tamperedBody();

    assertThat(tampered.body()).isNotEqualTo(original.body());
    assertThat(parser.parse(tampered.body()))
        .isInstanceOfSatisfying(
            WebhookEvent.PaymentStatusChanged.class,
            changed -> assertThat(changed.payment().amount()).isEqualTo(Money.of(1051, "EUR")));
    assertThat(reasonOf(tampered.body(), tampered.headers()))
        .isEqualTo(Reason.NO_MATCHING_SIGNATURE);
  }

  @Test
  void a_webhook_is_accepted_up_to_five_minutes_either_way() {
    SignedWebhook webhook = confirmed();

    for (Instant receivedAt : new Instant[] {NOW.plusSeconds(300), NOW.minusSeconds(300)}) {
      assertThat(verifierAt(receivedAt).verify(webhook.body(), webhook.headers()))
          .isInstanceOf(WebhookVerification.Verified.class);
    }
  }

  @Test
  void a_webhook_signed_more_than_five_minutes_ago_is_rejected_as_stale() {
    SignedWebhook webhook = confirmed();

    WebhookVerification verification =
        verifierAt(NOW.plusSeconds(301)).verify(webhook.body(), webhook.headers());

    assertThat(verification)
        .isInstanceOfSatisfying(
            WebhookVerification.Rejected.class,
            rejected -> assertThat(rejected.reason()).isEqualTo(Reason.STALE_TIMESTAMP));
  }

  @Test
  void a_webhook_signed_more_than_five_minutes_ahead_is_rejected_as_future() {
    SignedWebhook webhook = confirmed();

    WebhookVerification verification =
        verifierAt(NOW.minusSeconds(301)).verify(webhook.body(), webhook.headers());

    assertThat(verification)
        .isInstanceOfSatisfying(
            WebhookVerification.Rejected.class,
            rejected -> assertThat(rejected.reason()).isEqualTo(Reason.FUTURE_TIMESTAMP));
  }

  @ParameterizedTest
  @ValueSource(strings = {"webhook-id", "webhook-timestamp", "webhook-signature"})
  void a_missing_header_is_rejected_as_missing(String header) {
    SignedWebhook webhook = confirmed();
    Map<String, String> headers = headersOf(webhook);
    headers.remove(header);

    assertThat(reasonOf(webhook.body(), WebhookHeaders.of(headers)))
        .isEqualTo(Reason.MISSING_HEADER);
  }

  @ParameterizedTest
  @ValueSource(strings = {"soon", "", "99999999999999999999"})
  void a_timestamp_that_is_not_unix_seconds_is_malformed(String timestamp) {
    SignedWebhook webhook = confirmed();
    Map<String, String> headers = headersOf(webhook);
    headers.put("webhook-timestamp", timestamp);

    assertThat(reasonOf(webhook.body(), WebhookHeaders.of(headers))).isEqualTo(Reason.MALFORMED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"v1,not*base64!", "v2,c2lnbmF0dXJl", ""})
  void a_signature_header_without_a_readable_v1_signature_is_malformed(String signatures) {
    SignedWebhook webhook = confirmed();
    Map<String, String> headers = headersOf(webhook);
    headers.put("webhook-signature", signatures);

    assertThat(reasonOf(webhook.body(), WebhookHeaders.of(headers))).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void one_matching_signature_among_several_is_enough_as_during_secret_rotation() {
    SignedWebhook webhook = confirmed();
    Map<String, String> headers = headersOf(webhook);
    headers.put(
        "webhook-signature",
        webhook.forged().headers().first("webhook-signature").orElseThrow()
            + " "
            + headers.get("webhook-signature"));

    assertThat(verifierAt(NOW).verify(webhook.body(), WebhookHeaders.of(headers)))
        .isInstanceOf(WebhookVerification.Verified.class);
  }

  @Test
  void the_webhook_secret_is_the_standard_webhooks_key_behind_every_signature() throws Exception {
    SignedWebhook webhook = confirmed();
    String secret = fake.webhookSecret().reveal();
    assertThat(secret).startsWith("whsec_");
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
    String signed =
        webhook.eventId()
            + "."
            + NOW.getEpochSecond()
            + "."
            + new String(webhook.body(), StandardCharsets.UTF_8);

    String expected =
        "v1,"
            + Base64.getEncoder()
                .encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));

    assertThat(webhook.headers().first("webhook-signature")).contains(expected);
  }

  @Test
  void metadata_with_separators_and_unicode_survives_the_format() {
    PaymentRequest request =
        new PaymentRequest(
            new ExternalId("order = 7 & more"),
            Money.of(1050, "EUR"),
            null,
            Metadata.of(Map.of("a=b", "c&d=e%20+ ünï", "empty", "", "dots.in.key", "x")),
            ReturnUrls.of("https://shop.example/ok", "https://shop.example/cancel"),
            null);
    TransactionId special =
        ((ProviderResult.Success<ProviderPayment>)
                fake.gateway().createPayment(request, IdempotencyKey.of("key-special")))
            .value()
            .transactionId();

    SignedWebhook webhook = fake.move(special, ProviderStatus.CONFIRMED, null);

    assertThat(((WebhookEvent.PaymentStatusChanged) parser.parse(webhook.body())).payment())
        .isEqualTo(fake.payment(special).orElseThrow());
  }

  @Test
  void fields_the_parser_does_not_know_are_ignored() {
    SignedWebhook webhook = confirmed();
    byte[] extended = (text(webhook) + "data.newField=whatever\n").getBytes(StandardCharsets.UTF_8);

    assertThat(parser.parse(extended)).isEqualTo(parser.parse(webhook.body()));
  }

  @Test
  void a_body_in_another_format_is_malformed() {
    assertMalformed(
        "{\"id\":\"evt_1\",\"type\":\"payment.status_changed\"}".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void a_body_that_is_not_utf8_is_malformed() {
    assertMalformed(new byte[] {'i', 'd', '=', (byte) 0xC3, (byte) 0x28});
  }

  @Test
  void an_unknown_event_type_is_an_unmodelled_event_not_a_malformed_one() {
    WebhookEvent event =
        parser.parse(
            text(confirmed())
                .replace("type=payment.status_changed", "type=payment.exploded")
                .getBytes(StandardCharsets.UTF_8));

    assertThat(event).isInstanceOf(WebhookEvent.Unmodelled.class);
    assertThat(((WebhookEvent.Unmodelled) event).type()).isEqualTo("payment.exploded");
  }

  @Test
  void a_missing_field_is_malformed_and_named() {
    String body = text(confirmed()).replaceFirst("(?m)^data\\.status=.*\\n", "");

    assertThatThrownBy(() -> parser.parse(body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessageContaining("data.status");
  }

  @Test
  void a_repeated_field_is_malformed() {
    assertMalformed(
        (text(confirmed()) + "data.status=cancelled\n").getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void a_declined_payment_is_written_in_the_fakes_own_words_and_read_back_declined() {
    SignedWebhook webhook =
        fake.move(tx, ProviderStatus.DECLINED, Failure.of(FailureReason.FRAUD_SUSPECTED));

    assertThat(text(webhook))
        .contains("data.status=declined\n", "data.failure.reason=fraud_suspected\n");
    assertThat(
            ((WebhookEvent.PaymentStatusChanged) parser.parse(webhook.body())).payment().status())
        .isEqualTo(ProviderStatus.DECLINED);
  }

  @Test
  void a_refund_status_only_paykit_knows_is_malformed() {
    String body =
        "id=evt_r\ncreatedAt=2026-11-24T10:00:00Z\ntype=refund.status_changed\n"
            + "data.refundId=rf_1\ndata.transactionId=tx_1\ndata.status=requested\n"
            + "data.amount.value=500\ndata.amount.currency=EUR\n";

    assertThatThrownBy(() -> parser.parse(body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessageContaining("data.status");
  }

  @Test
  void an_invalid_value_is_malformed_without_quoting_it() {
    String body =
        text(confirmed())
            .replaceFirst("(?m)^data\\.status=.*$", "data.status=card-4242424242424242");

    assertThatThrownBy(() -> parser.parse(body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessageContaining("data.status")
        .hasMessageNotContaining("4242");
  }

  private TransactionId createPayment() {
    return ((ProviderResult.Success<ProviderPayment>)
            fake.gateway()
                .createPayment(PaymentSamples.request("order-1"), IdempotencyKey.of("key-1")))
        .value()
        .transactionId();
  }

  private SignedWebhook confirmed() {
    return fake.move(tx, ProviderStatus.CONFIRMED, null);
  }

  private WebhookVerifier verifierAt(Instant now) {
    return fake.webhookVerifier(Clock.fixed(now, ZoneOffset.UTC));
  }

  private Reason reasonOf(byte[] body, WebhookHeaders headers) {
    WebhookVerification verification = verifierAt(NOW).verify(body, headers);
    assertThat(verification).isInstanceOf(WebhookVerification.Rejected.class);
    return ((WebhookVerification.Rejected) verification).reason();
  }

  private static Map<String, String> headersOf(SignedWebhook webhook) {
    Map<String, String> headers = new HashMap<>();
    webhook.headers().values().forEach((name, values) -> headers.put(name, values.get(0)));
    return headers;
  }

  private static String text(SignedWebhook webhook) {
    return new String(webhook.body(), StandardCharsets.UTF_8);
  }

  private void assertMalformed(byte[] body) {
    assertThatThrownBy(() -> parser.parse(body)).isInstanceOf(MalformedWebhookException.class);
  }
}
