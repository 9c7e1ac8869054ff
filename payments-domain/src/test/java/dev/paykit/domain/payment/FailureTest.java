package dev.paykit.domain.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class FailureTest {

  @Test
  void a_decline_carries_its_code() {
    Failure failure = Failure.declined(DeclineCode.INVALID_CVV);

    assertThat(failure.reason()).isEqualTo(FailureReason.DECLINED);
    assertThat(failure.decline()).contains(DeclineCode.INVALID_CVV);
    assertThat(failure.detail()).isNull();
  }

  @Test
  void a_failure_without_a_code_has_none() {
    assertThat(Failure.of(FailureReason.FRAUD_SUSPECTED).decline()).isEmpty();
  }

  @Test
  void requires_a_reason() {
    assertThatNullPointerException().isThrownBy(() -> Failure.of(null)).withMessage("reason");
  }
}
