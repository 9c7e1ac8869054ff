package dev.paykit.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paykit.domain.dispute.DisputeId;
import dev.paykit.domain.dispute.DisputeReason;
import dev.paykit.domain.dispute.DisputeState;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.DeclineCode;
import dev.paykit.domain.payment.FailureReason;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.domain.refund.RefundState;
import dev.paykit.domain.webhook.EventId;
import dev.paykit.domain.webhook.WebhookEvent;
import dev.paykit.port.out.MalformedWebhookException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JacksonWebhookParserTest {
  private final JacksonWebhookParser parser = new JacksonWebhookParser();

  private static byte[] event(String type, String data) {
    return """
        {"id": "evt_1", "type": "%s", "createdAt": "2026-11-24T10:16:31Z", "data": %s,
         "apiVersion": "2026-01"}
        """
        .formatted(type, data)
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void reads_a_payment_status_change_with_every_field() {
    WebhookEvent event =
        parser.parse(
            event(
                "payment.status_changed",
                Fixtures.payment(
                    "tx_1",
                    "cancelled",
                    "{\"reason\": \"declined\", \"declineCode\": \"insufficient_funds\"}")));

    assertThat(event).isInstanceOf(WebhookEvent.PaymentStatusChanged.class);
    assertThat(event.id()).isEqualTo(new EventId("evt_1"));
    assertThat(event.createdAt()).isEqualTo(Instant.parse("2026-11-24T10:16:31Z"));
    ProviderPayment payment = ((WebhookEvent.PaymentStatusChanged) event).payment();
    assertThat(payment.transactionId()).isEqualTo(new TransactionId("tx_1"));
    assertThat(payment.status()).isEqualTo(ProviderStatus.DECLINED);
    assertThat(payment.amount()).isEqualTo(Money.of(1050, "EUR"));
    assertThat(payment.externalId().value()).isEqualTo("order-8812");
    assertThat(payment.metadata().entries()).isEqualTo(Map.of("cartId", "c-19", "channel", "web"));
    assertThat(payment.checkoutUrl())
        .isEqualTo(URI.create("https://provider.example/checkout/tx_1"));
    assertThat(payment.failure().reason()).isEqualTo(FailureReason.DECLINED);
    assertThat(payment.failure().declineCode()).isEqualTo(DeclineCode.INSUFFICIENT_FUNDS);
    assertThat(payment.createdAt()).isEqualTo(Instant.parse("2026-11-24T10:15:30Z"));
    assertThat(payment.updatedAt()).isEqualTo(Instant.parse("2026-11-24T10:16:30Z"));
    assertThat(payment.expiresAt()).isEqualTo(Instant.parse("2026-11-24T10:30:30Z"));
  }

  @Test
  void reads_a_refund_status_change() {
    WebhookEvent event =
        parser.parse(event("refund.status_changed", Fixtures.refund("rf_1", "tx_1", "succeeded")));

    assertThat(event).isInstanceOf(WebhookEvent.RefundStatusChanged.class);
    var refund = ((WebhookEvent.RefundStatusChanged) event).refund();
    assertThat(refund.refundId()).isEqualTo("rf_1");
    assertThat(refund.transactionId()).isEqualTo(new TransactionId("tx_1"));
    assertThat(refund.status()).isEqualTo(RefundState.SUCCEEDED);
    assertThat(refund.amount()).isEqualTo(Money.of(500, "EUR"));
  }

  @Test
  void reads_a_dispute_status_change() {
    WebhookEvent event =
        parser.parse(
            event(
                "dispute.status_changed",
                """
                {"disputeId": "dp_1", "transactionId": "tx_1",
                 "amount": {"value": 1050, "currency": "EUR"}, "reason": "fraudulent",
                 "status": "needs_response", "evidenceDueBy": "2026-12-01T23:59:59Z",
                 "createdAt": "2026-11-24T11:00:00Z", "updatedAt": "2026-11-24T11:00:00Z"}
                """));

    assertThat(event).isInstanceOf(WebhookEvent.DisputeStatusChanged.class);
    var dispute = ((WebhookEvent.DisputeStatusChanged) event).dispute();
    assertThat(dispute.disputeId()).isEqualTo(new DisputeId("dp_1"));
    assertThat(dispute.transactionId()).isEqualTo(new TransactionId("tx_1"));
    assertThat(dispute.amount()).isEqualTo(Money.of(1050, "EUR"));
    assertThat(dispute.reason()).isEqualTo(DisputeReason.FRAUDULENT);
    assertThat(dispute.status()).isEqualTo(DisputeState.NEEDS_RESPONSE);
    assertThat(dispute.evidenceDueBy()).isEqualTo(Instant.parse("2026-12-01T23:59:59Z"));
  }

  @Test
  void a_dispute_without_its_deadline_or_with_an_unknown_status_is_malformed_naming_the_field() {
    String noDeadline =
        "{\"disputeId\": \"dp_1\", \"transactionId\": \"tx_1\","
            + " \"amount\": {\"value\": 1050, \"currency\": \"EUR\"},"
            + " \"reason\": \"fraudulent\", \"status\": \"needs_response\"}";

    assertThatThrownBy(() -> parser.parse(event("dispute.status_changed", noDeadline)))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessageContaining("evidenceDueBy");
    assertThatThrownBy(
            () ->
                parser.parse(
                    event(
                        "dispute.status_changed",
                        noDeadline.replace(
                            "\"needs_response\"",
                            "\"pending_forever\", \"evidenceDueBy\": \"2026-12-01T23:59:59Z\""))))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessageContaining("status");
  }

  @Test
  void malformed_json_is_refused_without_quoting_the_body() {
    byte[] body =
        "{\"id\": \"evt_1\", \"secretish\": \"card-4111\" ".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> parser.parse(body))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessageContaining("not valid JSON")
        .hasMessageNotContaining("card-4111")
        .hasMessageNotContaining("evt_1");
  }

  @Test
  void an_unknown_event_type_is_read_as_an_unmodelled_event_instead_of_refused() {
    byte[] body = event("dispute.created", "{\"disputeId\": \"dp_1\", \"anything\": [1, 2]}");

    assertThatCode(() -> parser.parse(body)).doesNotThrowAnyException();
    WebhookEvent event = parser.parse(body);
    assertThat(event)
        .isEqualTo(
            new WebhookEvent.Unmodelled(
                new EventId("evt_1"), Instant.parse("2026-11-24T10:16:31Z"), "dispute.created"));
  }

  @Test
  void an_unknown_event_type_still_needs_a_valid_id() {
    String text =
        new String(event("dispute.created", "{}"), StandardCharsets.UTF_8)
            .replace("\"evt_1\"", "\"evt 1\"");

    assertThatThrownBy(() -> parser.parse(text.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessageContaining("id");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dispute created", "dispute.\\ncreated", "", "x\\u00e9"})
  void an_event_type_outside_the_type_charset_is_refused(String type) {
    assertThatThrownBy(() -> parser.parse(event(type, "{}")))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessageContaining("type");
  }

  @Test
  void an_event_type_longer_than_100_characters_is_refused() {
    assertThatThrownBy(() -> parser.parse(event("x".repeat(101), "{}")))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessageContaining("type");
  }

  @Test
  void a_missing_field_is_named() {
    String withoutStatus =
        Fixtures.payment("tx_1", "started").replace("\"status\": \"started\",", "");

    assertThatThrownBy(() -> parser.parse(event("payment.status_changed", withoutStatus)))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessageContaining("data.status");
  }

  @Test
  void an_amount_with_a_fraction_is_refused_because_money_is_never_a_float() {
    String fractional = Fixtures.payment("tx_1", "started").replace("1050", "10.50");

    assertThatThrownBy(() -> parser.parse(event("payment.status_changed", fractional)))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessageContaining("data.amount.value");
  }

  @Test
  void an_unknown_status_is_refused_by_field_without_its_value() {
    String unknown = Fixtures.payment("tx_1", "teleported");

    assertThatThrownBy(() -> parser.parse(event("payment.status_changed", unknown)))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessageContaining("data.status")
        .hasMessageNotContaining("teleported");
  }

  @Test
  void an_unknown_failure_reason_is_refused_by_field_without_its_value() {
    String unknown =
        Fixtures.payment("tx_1", "cancelled", "{\"reason\": \"abducted\", \"declineCode\": null}");

    assertThatThrownBy(() -> parser.parse(event("payment.status_changed", unknown)))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessageContaining("data.failure.reason")
        .hasMessageNotContaining("abducted");
  }

  @Test
  void a_cancellation_by_the_customer_stays_cancelled() {
    String cancelled =
        Fixtures.payment(
            "tx_1", "cancelled", "{\"reason\": \"customer_cancelled\", \"declineCode\": null}");

    WebhookEvent event = parser.parse(event("payment.status_changed", cancelled));

    ProviderPayment payment = ((WebhookEvent.PaymentStatusChanged) event).payment();
    assertThat(payment.status()).isEqualTo(ProviderStatus.CANCELLED);
    assertThat(payment.failure().reason()).isEqualTo(FailureReason.CUSTOMER_CANCELLED);
  }

  @Test
  void a_duplicated_key_is_refused_because_readers_could_disagree_on_it() {
    byte[] body =
        ("{\"id\": \"evt_1\", \"type\": \"payment.status_changed\", \"type\": \"refund.status_changed\","
                + " \"data\": {}}")
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> parser.parse(body)).isInstanceOf(MalformedWebhookException.class);
  }

  @Test
  void a_checkout_url_over_plain_http_to_a_public_host_is_refused() {
    String insecure =
        Fixtures.payment("tx_1", "started")
            .replace("https://provider.example", "http://provider.example");

    assertThatThrownBy(() -> parser.parse(event("payment.status_changed", insecure)))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessageContaining("checkoutUrl");
  }

  @Test
  void a_body_that_is_not_an_object_is_refused() {
    assertThatThrownBy(() -> parser.parse("[1, 2]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedWebhookException.class);
    assertThatThrownBy(() -> parser.parse(new byte[0]))
        .isInstanceOf(MalformedWebhookException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"rf_1\\u0000", "rf_1\\nERROR payment.anomaly", "rf 1", "rf_\\u00e9", ""})
  void a_refund_id_outside_the_id_charset_is_refused_by_field(String refundId) {
    byte[] body = event("refund.status_changed", Fixtures.refund(refundId, "tx_1", "succeeded"));

    assertThatThrownBy(() -> parser.parse(body))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessageContaining("data.refundId")
        .hasMessageNotContaining("anomaly");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"tx 1", "tx_1\\\"", "tx/../1", "tx_1;drop"})
  void a_transaction_id_outside_the_id_charset_is_refused_by_field(String transactionId) {
    byte[] body = event("payment.status_changed", Fixtures.payment(transactionId, "started"));

    assertThatThrownBy(() -> parser.parse(body))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessageContaining("data.transactionId");
  }

  static Stream<String> badEventIds() {
    return Stream.of("evt_" + "1".repeat(252), "evt 1", "evt_1\\u0000");
  }

  @ParameterizedTest
  @MethodSource("badEventIds")
  void an_event_id_outside_the_id_charset_or_longer_than_255_is_refused(String id) {
    String text =
        new String(
                event("payment.status_changed", Fixtures.payment("tx_1", "started")),
                StandardCharsets.UTF_8)
            .replace("\"evt_1\"", "\"" + id + "\"");

    assertThatThrownBy(() -> parser.parse(text.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessageContaining("id");
  }

  static Stream<String> otherEncodings() {
    return Stream.of("UTF-16LE", "UTF-16BE", "UTF-16", "UTF-32LE", "UTF-32BE");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("otherEncodings")
  void a_body_in_another_encoding_than_utf8_is_refused(String charset) {
    String text =
        new String(
            event("payment.status_changed", Fixtures.payment("tx_1", "started")),
            StandardCharsets.UTF_8);
    byte[] body = text.getBytes(Charset.forName(charset));

    assertThatThrownBy(() -> parser.parse(body))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessageContaining("UTF-8");
  }

  @Test
  void a_byte_order_mark_is_refused() {
    byte[] event = event("payment.status_changed", Fixtures.payment("tx_1", "started"));
    byte[] body = new byte[event.length + 3];
    body[0] = (byte) 0xEF;
    body[1] = (byte) 0xBB;
    body[2] = (byte) 0xBF;
    System.arraycopy(event, 0, body, 3, event.length);

    assertThatThrownBy(() -> parser.parse(body))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessageContaining("byte order mark");
  }

  static Stream<Arguments> malformedUtf8() {
    return Stream.of(
        Arguments.of("overlong NUL (C0 80)", new byte[] {(byte) 0xC0, (byte) 0x80}),
        Arguments.of(
            "overlong slash (E0 80 AF)", new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}),
        Arguments.of(
            "CESU-8 surrogate pair",
            new byte[] {
              (byte) 0xED, (byte) 0xA0, (byte) 0xBD, (byte) 0xED, (byte) 0xB2, (byte) 0xB3
            }),
        Arguments.of("lone continuation byte", new byte[] {(byte) 0x80}),
        Arguments.of("truncated sequence", new byte[] {(byte) 0xE2, (byte) 0x82}),
        Arguments.of(
            "beyond U+10FFFF", new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedUtf8")
  void malformed_utf8_inside_a_string_is_refused_so_that_what_is_stored_is_what_was_signed(
      String what, byte[] sequence) {
    byte[] body = withBytesInExternalId(sequence);

    assertThatThrownBy(() -> parser.parse(body))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessageContaining("UTF-8");
  }

  @Test
  void well_formed_utf8_in_a_string_is_read_as_it_was_signed() {
    byte[] body = withBytesInExternalId("-ünï-\uD83D\uDCB3".getBytes(StandardCharsets.UTF_8));

    ProviderPayment payment = ((WebhookEvent.PaymentStatusChanged) parser.parse(body)).payment();

    assertThat(payment.externalId().value()).isEqualTo("order-ünï-\uD83D\uDCB3");
  }

  /** The event body with {@code bytes} spliced into the payment's externalId, after "order". */
  private static byte[] withBytesInExternalId(byte[] bytes) {
    byte[] event = event("payment.status_changed", Fixtures.payment("tx_1", "started"));
    String text = new String(event, StandardCharsets.ISO_8859_1);
    int at = text.indexOf("order-8812") + "order".length();
    byte[] body = new byte[event.length - "-8812".length() + bytes.length];
    System.arraycopy(event, 0, body, 0, at);
    System.arraycopy(bytes, 0, body, at, bytes.length);
    System.arraycopy(
        event,
        at + "-8812".length(),
        body,
        at + bytes.length,
        event.length - at - "-8812".length());
    return body;
  }
}
