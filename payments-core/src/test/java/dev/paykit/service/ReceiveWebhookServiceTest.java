package dev.paykit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.paykit.adapter.inmemory.InMemoryStores;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.domain.webhook.EventId;
import dev.paykit.domain.webhook.WebhookEvent;
import dev.paykit.port.in.WebhookReceipt;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.ProviderGateways;
import dev.paykit.port.out.WebhookInbox;
import dev.paykit.port.out.WebhookParser;
import dev.paykit.port.out.WebhookVerifier;
import dev.paykit.port.shared.WebhookHeaders;
import dev.paykit.port.shared.WebhookVerification;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Receiving, after the signature held: what is acknowledged, what is stored, and exactly how. */
class ReceiveWebhookServiceTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  private static final EventId ID = new EventId("evt_1");
  private static final WebhookVerifier SIGNED_EVT_1 =
      (body, headers) -> WebhookVerification.Verified.withSignedId(ID, NOW);
  private static final WebhookVerifier SIGNS_NO_ID =
      (body, headers) -> WebhookVerification.Verified.withoutSignedId(NOW);

  private final WebhookInbox inbox = new InMemoryStores().inbox();
  private final List<PaykitEvent> observed = new CopyOnWriteArrayList<>();

  private ReceiveWebhookService service(WebhookParser parser) {
    return service(SIGNED_EVT_1, parser);
  }

  private ReceiveWebhookService service(WebhookVerifier verifier, WebhookParser parser) {
    return new ReceiveWebhookService(
        ProviderGateways.single(mock(ProviderGateway.class), verifier, parser),
        inbox,
        observed::add,
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static WebhookHeaders headers() {
    return WebhookHeaders.of(Map.of());
  }

  private static WebhookEvent paymentEvent() {
    return new WebhookEvent.PaymentStatusChanged(
        ID,
        NOW,
        new ProviderPayment(
            new TransactionId("tx_1"),
            ProviderStatus.CONFIRMED,
            Money.of(1050, "EUR"),
            new ExternalId("order-1"),
            null,
            null,
            null,
            NOW,
            NOW,
            null));
  }

  @Test
  void a_verified_event_of_an_unmodelled_type_is_acknowledged_counted_and_not_stored() {
    WebhookParser parser = body -> new WebhookEvent.Unmodelled(ID, NOW, "dispute.created");

    WebhookReceipt receipt = service(parser).receive(bytes("{}"), headers());

    assertThat(receipt).isEqualTo(new WebhookReceipt.Ignored(ID, "dispute.created"));
    assertThat(receipt.httpStatus()).isEqualTo(200);
    assertThat(inbox.find(ID)).isEmpty();
    assertThat(observed)
        .containsExactly(new PaykitEvent.WebhookIgnored(NOW, ID, "dispute.created"));
  }

  @Test
  void an_unmodelled_event_whose_id_is_not_the_signed_one_is_rejected() {
    WebhookParser parser =
        body -> new WebhookEvent.Unmodelled(new EventId("evt_other"), NOW, "dispute.created");

    WebhookReceipt receipt = service(parser).receive(bytes("{}"), headers());

    assertThat(receipt).isInstanceOf(WebhookReceipt.Rejected.class);
    assertThat(receipt.httpStatus()).isEqualTo(400);
    assertThat(observed).hasOnlyElementsOfType(PaykitEvent.WebhookRejected.class);
  }

  @Test
  void a_signed_body_that_is_not_utf8_is_rejected_even_when_the_parser_reads_it() {
    WebhookParser lenient = body -> paymentEvent();
    byte[] overlong = {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0x80, '"', '}'};

    WebhookReceipt receipt = service(lenient).receive(overlong, headers());

    assertThat(receipt).isInstanceOf(WebhookReceipt.Rejected.class);
    assertThat(((WebhookReceipt.Rejected) receipt).detail()).contains("UTF-8");
    assertThat(inbox.find(ID)).isEmpty();
  }

  @Test
  void the_stored_payload_is_exactly_the_signed_bytes() {
    byte[] body = bytes("{\"note\": \"ünïcödé \uD83D\uDCB3 東京\", \"nul\": \"\\u0000\"}\n");

    WebhookReceipt receipt = service(raw -> paymentEvent()).receive(body, headers());

    assertThat(receipt).isEqualTo(new WebhookReceipt.Accepted(ID));
    assertThat(inbox.find(ID).orElseThrow().payload().getBytes(StandardCharsets.UTF_8))
        .isEqualTo(body);
  }

  @Test
  void an_event_whose_id_is_not_the_signed_one_is_rejected_and_not_stored() {
    WebhookParser parser =
        body ->
            new WebhookEvent.PaymentStatusChanged(
                new EventId("evt_other"),
                NOW,
                ((WebhookEvent.PaymentStatusChanged) paymentEvent()).payment());

    WebhookReceipt receipt = service(parser).receive(bytes("{}"), headers());

    assertThat(receipt).isInstanceOf(WebhookReceipt.Rejected.class);
    assertThat(inbox.find(new EventId("evt_other"))).isEmpty();
  }

  @Test
  void a_scheme_that_signs_no_id_stores_the_event_under_the_id_in_its_body() {
    WebhookReceipt receipt =
        service(SIGNS_NO_ID, raw -> paymentEvent()).receive(bytes("{}"), headers());

    assertThat(receipt).isEqualTo(new WebhookReceipt.Accepted(ID));
    assertThat(inbox.find(ID)).isPresent();
    assertThat(observed)
        .containsExactly(
            new PaykitEvent.WebhookAccepted(NOW, ID, WebhookTypes.PAYMENT_STATUS_CHANGED));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
