package dev.paykit.domain.refund;

import static dev.paykit.domain.payment.PaymentFixtures.T0;
import static dev.paykit.domain.payment.PaymentFixtures.TX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.paykit.domain.ValidationException;
import dev.paykit.domain.money.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

  @ParameterizedTest
  @ValueSource(strings = {"rf_1\u0000", "rf_1\nERROR forged", "", "rf_\u00e9"})
  void refuses_a_refund_id_that_is_not_printable_ascii(String refundId) {
    Throwable thrown =
        catchThrowable(() -> new ProviderRefund(refundId, TX, RefundState.PENDING, AMOUNT, T0));

    assertThat(thrown).isInstanceOf(ValidationException.class);
    assertThat(((ValidationException) thrown).field()).isEqualTo("refundId");
  }
}
