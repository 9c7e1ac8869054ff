package dev.paykit.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
    assertThat(payment.status()).isEqualTo(ProviderStatus.CANCELLED);
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
  void an_unknown_event_type_is_refused() {
    assertThatThrownBy(
            () -> parser.parse(event("payment.teleported", Fixtures.payment("tx_1", "started"))))
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
}
