package dev.paykit.domain.outbox;

import static dev.paykit.domain.payment.PaymentFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.domain.dispute.Dispute;
import dev.paykit.domain.dispute.DisputeId;
import dev.paykit.domain.dispute.DisputeReason;
import dev.paykit.domain.dispute.DisputeReport;
import dev.paykit.domain.dispute.DisputeState;
import dev.paykit.domain.dispute.ProviderDispute;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentFixtures;
import dev.paykit.domain.payment.PaymentState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DisputeOutboxEventsTest {
  private final Payment paid = PaymentFixtures.paymentIn(PaymentState.SUCCEEDED);

  private static DisputeReport said(DisputeState state, String eventId) {
    return DisputeReport.fromWebhook(
        new ProviderDispute(
            new DisputeId("dp_1"),
            PaymentFixtures.TX,
            PaymentFixtures.AMOUNT,
            DisputeReason.FRAUDULENT,
            state,
            at(7 * 86_400),
            PaymentFixtures.T0,
            PaymentFixtures.T0),
        eventId);
  }

  private Dispute opened(DisputeState state) {
    return Dispute.open(paid.id(), said(state, "evt_1"), at(1));
  }

  @Test
  void an_opened_dispute_tells_the_shop_its_deadline() {
    assertThat(OutboxEvents.opened(opened(DisputeState.NEEDS_RESPONSE), paid, at(1)))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo(OutboxEventType.DISPUTE_OPENED);
              assertThat(e.paymentId()).isEqualTo(paid.id());
              assertThat(e.payload())
                  .containsEntry("disputeId", "dp_1")
                  .containsEntry("evidenceDueBy", at(7 * 86_400).toString())
                  .containsEntry("disputeAmount.value", "1050");
            });
  }

  @Test
  void a_dispute_first_heard_of_as_decided_tells_the_shop_it_opened_and_its_outcome() {
    assertThat(OutboxEvents.opened(opened(DisputeState.LOST), paid, at(1)))
        .extracting(OutboxEvent::type)
        .containsExactly(OutboxEventType.DISPUTE_OPENED, OutboxEventType.DISPUTE_LOST);
  }

  @Test
  void only_the_reminder_and_the_outcome_are_told_not_the_review_nor_repeats() {
    Dispute dispute = opened(DisputeState.NEEDS_RESPONSE);
    var review = dispute.apply(said(DisputeState.UNDER_REVIEW, "evt_2"), at(2));
    var won = review.dispute().apply(said(DisputeState.WON, "evt_3"), at(3));
    var again = won.dispute().apply(said(DisputeState.WON, "evt_4"), at(4));
    var reminder = dispute.remindIfDue(at(6 * 86_400), Duration.ofHours(48)).orElseThrow();

    assertThat(OutboxEvents.of(review, paid, at(2))).isEmpty();
    assertThat(OutboxEvents.of(won, paid, at(3)))
        .map(OutboxEvent::type)
        .contains(OutboxEventType.DISPUTE_WON);
    assertThat(OutboxEvents.of(again, paid, at(4))).isEmpty();
    assertThat(OutboxEvents.of(reminder, paid, at(5)))
        .map(OutboxEvent::type)
        .contains(OutboxEventType.DISPUTE_EVIDENCE_DUE);
  }
}
