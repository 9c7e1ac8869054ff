package dev.paykit.domain.order;

import static dev.paykit.domain.payment.PaymentFixtures.paymentIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DuplicateOrderRuleTest {

  @Test
  void an_order_without_payments_may_start() {
    assertThat(DuplicateOrderRule.decide(List.of())).isEqualTo(new OrderDecision.MayStart());
  }

  @ParameterizedTest
  @EnumSource(
      value = PaymentState.class,
      names = {"FAILED", "CANCELLED", "EXPIRED"})
  void a_new_attempt_may_start_after_one_that_ended_without_money(PaymentState ended) {
    assertThat(DuplicateOrderRule.decide(List.of(paymentIn(ended))))
        .isEqualTo(new OrderDecision.MayStart());
  }

  @Test
  void a_new_attempt_may_start_after_several_that_ended_without_money() {
    List<Payment> attempts =
        List.of(
            paymentIn(PaymentState.FAILED),
            paymentIn(PaymentState.CANCELLED),
            paymentIn(PaymentState.EXPIRED));

    assertThat(DuplicateOrderRule.decide(attempts)).isEqualTo(new OrderDecision.MayStart());
  }

  @ParameterizedTest
  @EnumSource(
      value = PaymentState.class,
      names = {"CREATED", "SUBMITTED", "STARTED", "IN_PROGRESS"})
  void an_active_payment_is_answered_instead_of_starting_another(PaymentState active) {
    Payment inFlight = paymentIn(active);

    assertThat(DuplicateOrderRule.decide(List.of(paymentIn(PaymentState.FAILED), inFlight)))
        .isEqualTo(new OrderDecision.ActivePaymentExists(inFlight));
  }

  @Test
  void a_paid_order_refuses_a_second_payment() {
    Payment paid = paymentIn(PaymentState.SUCCEEDED);

    assertThat(DuplicateOrderRule.decide(List.of(paymentIn(PaymentState.CANCELLED), paid)))
        .isEqualTo(new OrderDecision.AlreadyPaid(paid));
  }

  @Test
  void paid_wins_over_active_whatever_the_order_of_the_list() {
    // A paid order must never get a second payment, even if an older attempt still looks active.
    Payment paid = paymentIn(PaymentState.SUCCEEDED);
    Payment active = paymentIn(PaymentState.STARTED);

    assertThat(DuplicateOrderRule.decide(List.of(active, paid)))
        .isEqualTo(new OrderDecision.AlreadyPaid(paid));
    assertThat(DuplicateOrderRule.decide(List.of(paid, active)))
        .isEqualTo(new OrderDecision.AlreadyPaid(paid));
  }
}
