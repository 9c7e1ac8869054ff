package dev.paykit.domain.refund;

import static dev.paykit.domain.ValidationAssert.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RefundIdTest {

  @Test
  void is_one_to_sixty_four_printable_ascii_characters() {
    assertThat(new RefundId("r".repeat(64))).hasToString("r".repeat(64));
    assertRejected(() -> new RefundId(""), "refundId", "required");
    assertRejected(() -> new RefundId("r".repeat(65)), "refundId", "too_long");
    assertRejected(() -> new RefundId("ref_ß"), "refundId", "not_printable_ascii");
  }

  @Test
  void random_ids_are_valid_prefixed_and_distinct() {
    assertThat(RefundId.random().value()).matches("ref_[0-9a-f]{32}");
    assertThat(RefundId.random()).isNotEqualTo(RefundId.random());
  }
}
