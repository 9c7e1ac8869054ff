package dev.paykit.domain.refund;

import static dev.paykit.domain.ValidationAssert.assertRejected;
import static dev.paykit.domain.payment.PaymentFixtures.PAYMENT_ID;
import static dev.paykit.domain.payment.PaymentFixtures.T0;
import static dev.paykit.domain.payment.PaymentFixtures.TX;
import static dev.paykit.domain.payment.PaymentFixtures.at;
import static dev.paykit.domain.payment.PaymentFixtures.paymentIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.PaymentState;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The fixture payment is for 10.50 EUR. */
class RefundPolicyTest {

  private final Payment succeeded = paymentIn(PaymentState.SUCCEEDED);

  private static Money eur(long cents) {
    return Money.of(cents, "EUR");
  }

  private static Refund refund(long cents, RefundState state) {
    return refund(PAYMENT_ID, cents, state);
  }

  private static Refund refund(PaymentId paymentId, long cents, RefundState state) {
    Refund requested =
        Refund.request(
            RefundId.random(), paymentId, IdempotencyKey.of("r-" + cents), eur(cents), null, T0);
    if (state == RefundState.REQUESTED) {
      return requested;
    }
    if (state == RefundState.FAILED) {
      return requested.rejected(at(1));
    }
    return requested
        .apply(new ProviderRefund("rf_" + cents, TX, state, eur(cents), T0), at(1))
        .refund();
  }

  @Test
  void allows_a_full_refund_of_a_succeeded_payment() {
    assertThat(RefundPolicy.decide(succeeded, List.of(), List.of(), eur(1050)))
        .isEqualTo(new RefundDecision.Allowed(eur(0)));
  }

  @Test
  void allows_a_partial_refund_and_says_what_remains() {
    assertThat(RefundPolicy.decide(succeeded, List.of(), List.of(), eur(300)))
        .isEqualTo(new RefundDecision.Allowed(eur(750)));
  }

  @Test
  void refuses_a_refund_above_the_payment() {
    assertThat(RefundPolicy.decide(succeeded, List.of(), List.of(), eur(1051)))
        .isEqualTo(new RefundDecision.ExceedsPayment(eur(1051), eur(1050)));
  }

  @Test
  void counts_pending_and_requested_refunds_so_concurrent_partials_cannot_exceed_it() {
    List<Refund> existing =
        List.of(refund(400, RefundState.REQUESTED), refund(300, RefundState.PENDING));

    assertThat(RefundPolicy.refundable(succeeded, existing, List.of())).isEqualTo(eur(350));
    assertThat(RefundPolicy.decide(succeeded, existing, List.of(), eur(351)))
        .isEqualTo(new RefundDecision.ExceedsPayment(eur(351), eur(350)));
    assertThat(RefundPolicy.decide(succeeded, existing, List.of(), eur(350)))
        .isEqualTo(new RefundDecision.Allowed(eur(0)));
  }

  @Test
  void counts_succeeded_refunds() {
    List<Refund> existing = List.of(refund(1050, RefundState.SUCCEEDED));

    assertThat(RefundPolicy.decide(succeeded, existing, List.of(), eur(1)))
        .isEqualTo(new RefundDecision.ExceedsPayment(eur(1), eur(0)));
  }

  @Test
  void a_failed_refund_frees_its_amount_again() {
    List<Refund> existing = List.of(refund(1050, RefundState.FAILED));

    assertThat(RefundPolicy.decide(succeeded, existing, List.of(), eur(1050)))
        .isEqualTo(new RefundDecision.Allowed(eur(0)));
  }

  @Test
  void ignores_refunds_of_other_payments() {
    List<Refund> existing =
        List.of(refund(new PaymentId("pay_other"), 1000, RefundState.SUCCEEDED));

    assertThat(RefundPolicy.refundable(succeeded, existing, List.of())).isEqualTo(eur(1050));
  }

  @Test
  void never_reports_a_negative_refundable_amount() {
    // Refunds recorded beyond the payment (e.g. by hand) must not make the policy throw.
    List<Refund> existing =
        List.of(refund(1000, RefundState.SUCCEEDED), refund(1000, RefundState.SUCCEEDED));

    assertThat(RefundPolicy.refundable(succeeded, existing, List.of())).isEqualTo(eur(0));
    assertThat(RefundPolicy.decide(succeeded, existing, List.of(), eur(1)))
        .isInstanceOf(RefundDecision.ExceedsPayment.class);
  }

  @ParameterizedTest
  @EnumSource(value = PaymentState.class, names = "SUCCEEDED", mode = EnumSource.Mode.EXCLUDE)
  void only_a_succeeded_payment_can_be_refunded(PaymentState state) {
    assertThat(RefundPolicy.decide(paymentIn(state), List.of(), List.of(), eur(100)))
        .isEqualTo(new RefundDecision.NotRefundable(state));
  }

  @Test
  void rejects_a_zero_refund() {
    var e =
        assertRejected(
            () -> RefundPolicy.decide(succeeded, List.of(), List.of(), eur(0)),
            "amount.value",
            "zero");
    assertThat(e.getMessage()).contains("more than zero");
  }

  @Test
  void rejects_a_refund_in_another_currency() {
    var e =
        assertRejected(
            () -> RefundPolicy.decide(succeeded, List.of(), List.of(), Money.of(100, "USD")),
            "amount.currency",
            "currency_mismatch");
    assertThat(e.getMessage()).contains("EUR").contains("USD");
  }
}
