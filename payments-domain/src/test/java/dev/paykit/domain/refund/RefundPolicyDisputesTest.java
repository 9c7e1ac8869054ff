package dev.paykit.domain.refund;

import static dev.paykit.domain.payment.PaymentFixtures.PAYMENT_ID;
import static dev.paykit.domain.payment.PaymentFixtures.paymentIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.domain.dispute.Dispute;
import dev.paykit.domain.dispute.DisputeId;
import dev.paykit.domain.dispute.DisputeReason;
import dev.paykit.domain.dispute.DisputeReport;
import dev.paykit.domain.dispute.DisputeState;
import dev.paykit.domain.dispute.ProviderDispute;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentFixtures;
import dev.paykit.domain.payment.PaymentState;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefundPolicyDisputesTest {
  private final Payment succeeded = paymentIn(PaymentState.SUCCEEDED);

  private static Money eur(long minor) {
    return Money.of(minor, "EUR");
  }

  private static Dispute dispute(long amount, DisputeState state) {
    return Dispute.open(
        PAYMENT_ID,
        DisputeReport.fromWebhook(
            new ProviderDispute(
                new DisputeId("dp_" + amount + state),
                PaymentFixtures.TX,
                eur(amount),
                DisputeReason.FRAUDULENT,
                state,
                PaymentFixtures.at(3600),
                PaymentFixtures.T0,
                PaymentFixtures.T0),
            "evt_1"),
        PaymentFixtures.at(1));
  }

  private static Refund refund(long amount) {
    return Refund.request(
        RefundId.random(),
        PAYMENT_ID,
        IdempotencyKey.of("rk-" + amount),
        eur(amount),
        "r",
        PaymentFixtures.T0);
  }

  @Test
  void an_open_or_lost_dispute_counts_as_already_returned() {
    assertThat(
            RefundPolicy.refundable(
                succeeded, List.of(), List.of(dispute(400, DisputeState.NEEDS_RESPONSE))))
        .isEqualTo(eur(650));
    assertThat(
            RefundPolicy.refundable(
                succeeded, List.of(), List.of(dispute(400, DisputeState.UNDER_REVIEW))))
        .isEqualTo(eur(650));
    assertThat(
            RefundPolicy.refundable(succeeded, List.of(), List.of(dispute(400, DisputeState.LOST))))
        .isEqualTo(eur(650));
  }

  @Test
  void a_won_dispute_restores_what_can_be_refunded() {
    assertThat(
            RefundPolicy.refundable(succeeded, List.of(), List.of(dispute(400, DisputeState.WON))))
        .isEqualTo(eur(1050));
  }

  @Test
  void a_refund_beyond_what_the_refunds_and_disputes_leave_is_refused() {
    List<Dispute> disputes = List.of(dispute(700, DisputeState.LOST));
    List<Refund> refunds = List.of(refund(300));

    assertThat(RefundPolicy.decide(succeeded, refunds, disputes, eur(51)))
        .isEqualTo(new RefundDecision.ExceedsPayment(eur(51), eur(50)));
    assertThat(RefundPolicy.decide(succeeded, refunds, disputes, eur(50)))
        .isEqualTo(new RefundDecision.Allowed(eur(0)));
    assertThat(RefundPolicy.ceiling(succeeded, disputes)).isEqualTo(eur(350));
  }

  @Test
  void disputes_and_refunds_above_the_amount_leave_nothing_never_less() {
    assertThat(
            RefundPolicy.refundable(
                succeeded,
                List.of(refund(500)),
                List.of(dispute(1050, DisputeState.NEEDS_RESPONSE))))
        .isEqualTo(eur(0));
  }
}
