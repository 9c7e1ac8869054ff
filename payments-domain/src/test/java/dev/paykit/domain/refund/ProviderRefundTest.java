package dev.paykit.domain.refund;

import static dev.paykit.domain.payment.PaymentFixtures.T0;
import static dev.paykit.domain.payment.PaymentFixtures.TX;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.paykit.domain.money.Money;
import org.junit.jupiter.api.Test;

class ProviderRefundTest {

  private static final Money AMOUNT = Money.of(500, "EUR");

  @Test
  void is_never_in_the_local_only_requested_state_and_needs_its_id() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ProviderRefund("rf_1", TX, RefundState.REQUESTED, AMOUNT, T0));
    assertThatNullPointerException()
        .isThrownBy(() -> new ProviderRefund(null, TX, RefundState.PENDING, AMOUNT, T0))
        .withMessage("refundId");
  }
}
