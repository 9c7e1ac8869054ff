package dev.paykit.domain.webhook;

import static dev.paykit.domain.ValidationAssert.assertRejected;
import static dev.paykit.domain.payment.PaymentFixtures.T0;
import static dev.paykit.domain.payment.PaymentFixtures.TX;
import static dev.paykit.domain.payment.PaymentFixtures.said;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.refund.ProviderRefund;
import dev.paykit.domain.refund.RefundState;
import org.junit.jupiter.api.Test;

class WebhookEventTest {

  private static final EventId ID = new EventId("evt_1");

  @Test
  void a_payment_event_carries_the_payment_as_it_was() {
    WebhookEvent event =
        new WebhookEvent.PaymentStatusChanged(ID, T0, said(ProviderStatus.CONFIRMED));

    assertThat(event.id()).isEqualTo(ID);
    assertThat(event.createdAt()).isEqualTo(T0);
    assertThat(((WebhookEvent.PaymentStatusChanged) event).payment().status())
        .isEqualTo(ProviderStatus.CONFIRMED);
  }

  @Test
  void a_refund_event_carries_the_refund_as_it_was() {
    ProviderRefund refund =
        new ProviderRefund("rf_1", TX, RefundState.SUCCEEDED, Money.of(500, "EUR"), T0);

    WebhookEvent event = new WebhookEvent.RefundStatusChanged(ID, T0, refund);

    assertThat(event.id()).isEqualTo(ID);
    assertThat(((WebhookEvent.RefundStatusChanged) event).refund()).isEqualTo(refund);
  }

  @Test
  void requires_the_id_and_what_changed() {
    assertThatNullPointerException()
        .isThrownBy(
            () -> new WebhookEvent.PaymentStatusChanged(null, T0, said(ProviderStatus.STARTED)))
        .withMessage("id");
    assertThatNullPointerException()
        .isThrownBy(() -> new WebhookEvent.PaymentStatusChanged(ID, T0, null))
        .withMessage("payment");
    assertThatNullPointerException()
        .isThrownBy(() -> new WebhookEvent.RefundStatusChanged(ID, T0, null))
        .withMessage("refund");
  }

  @Test
  void an_unmodelled_event_keeps_its_id_time_and_the_providers_type() {
    WebhookEvent event = new WebhookEvent.Unmodelled(ID, T0, "dispute.created");

    assertThat(event.id()).isEqualTo(ID);
    assertThat(event.createdAt()).isEqualTo(T0);
    assertThat(((WebhookEvent.Unmodelled) event).type()).isEqualTo("dispute.created");
  }

  @Test
  void an_unmodelled_event_needs_its_id_and_a_printable_type_of_at_most_100_characters() {
    assertThatNullPointerException()
        .isThrownBy(() -> new WebhookEvent.Unmodelled(null, T0, "dispute.created"))
        .withMessage("id");
    assertRejected(() -> new WebhookEvent.Unmodelled(ID, T0, ""), "type", "required");
    assertRejected(() -> new WebhookEvent.Unmodelled(ID, T0, "x".repeat(101)), "type", "too_long");
    assertRejected(
        () -> new WebhookEvent.Unmodelled(ID, T0, "dispute\ncreated"), "type", "control_character");
  }
}
