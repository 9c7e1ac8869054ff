package dev.paykit.bench.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.adapter.http.JacksonWebhookParser;
import dev.paykit.adapter.http.StandardWebhookVerifier;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.webhook.WebhookEvent;
import dev.paykit.port.out.Secret;
import dev.paykit.port.shared.WebhookVerification;
import dev.paykit.testkit.PaymentSamples;
import dev.paykit.testkit.fake.WebhookSigner;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness's deliveries must be what Paykit's verifier and parser accept, or nothing counts. */
class ProviderEventsTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

  private final String secret = WebhookSigner.randomSecret();
  private final StandardWebhookVerifier verifier =
      new StandardWebhookVerifier(List.of(Secret.of(secret)), Clock.fixed(NOW, ZoneOffset.UTC));

  private byte[] body(String id) {
    return ProviderEvents.paymentStatusChanged(
        id, "tx_1", "cancelled", "declined", PaymentSamples.AMOUNT, "order-1", NOW);
  }

  @Test
  void a_signed_delivery_verifies_and_parses_as_the_event_it_describes() {
    byte[] body = body("evt_1");

    WebhookVerification verification =
        verifier.verify(
            body, WebhookSigner.of(secret).webhookHeaders("evt_1", NOW.getEpochSecond(), body));
    WebhookEvent event = new JacksonWebhookParser().parse(body);

    assertThat(verification).isInstanceOf(WebhookVerification.Verified.class);
    WebhookEvent.PaymentStatusChanged changed = (WebhookEvent.PaymentStatusChanged) event;
    assertThat(changed.id().value()).isEqualTo("evt_1");
    assertThat(changed.payment().status()).isEqualTo(ProviderStatus.DECLINED);
    assertThat(changed.payment().failure().declineCode().value()).isEqualTo("do_not_honor");
    assertThat(changed.payment().amount()).isEqualTo(PaymentSamples.AMOUNT);
  }

  @Test
  void another_key_or_a_changed_body_does_not_verify() {
    byte[] body = body("evt_2");
    byte[] other = body("evt_3");

    assertThat(
            verifier.verify(
                body, WebhookSigner.random().webhookHeaders("evt_2", NOW.getEpochSecond(), body)))
        .isInstanceOf(WebhookVerification.Rejected.class);
    assertThat(
            verifier.verify(
                other,
                WebhookSigner.of(secret).webhookHeaders("evt_2", NOW.getEpochSecond(), body)))
        .isInstanceOf(WebhookVerification.Rejected.class);
  }
}
