package dev.paykit.domain.payment;

import static dev.paykit.domain.ValidationAssert.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PaymentIdTest {

  @Test
  void accepts_one_to_sixty_four_printable_ascii_characters() {
    assertThat(new PaymentId("p").value()).isEqualTo("p");
    assertThat(new PaymentId("p".repeat(64))).hasToString("p".repeat(64));
  }

  @Test
  void rejects_a_missing_too_long_or_non_ascii_id() {
    assertRejected(() -> new PaymentId(null), "paymentId", "required");
    assertRejected(() -> new PaymentId(""), "paymentId", "required");
    assertRejected(() -> new PaymentId("p".repeat(65)), "paymentId", "too_long");
    assertRejected(() -> new PaymentId("pay_é"), "paymentId", "not_printable_ascii");
  }

  @Test
  void random_ids_are_valid_prefixed_and_distinct() {
    PaymentId one = PaymentId.random();

    assertThat(one.value()).matches("pay_[0-9a-f]{32}");
    assertThat(one).isNotEqualTo(PaymentId.random());
  }
}
