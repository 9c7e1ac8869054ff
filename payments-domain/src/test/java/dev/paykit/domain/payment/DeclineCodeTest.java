package dev.paykit.domain.payment;

import static dev.paykit.domain.ValidationAssert.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeclineCodeTest {

  @Test
  void knows_the_reference_api_codes() {
    assertThat(DeclineCode.INSUFFICIENT_FUNDS.value()).isEqualTo("insufficient_funds");
    assertThat(DeclineCode.EXPIRED_CARD.value()).isEqualTo("expired_card");
    assertThat(DeclineCode.INVALID_CVV.value()).isEqualTo("invalid_cvv");
    assertThat(DeclineCode.DO_NOT_HONOR.value()).isEqualTo("do_not_honor");
    assertThat(new DeclineCode("insufficient_funds")).isEqualTo(DeclineCode.INSUFFICIENT_FUNDS);
  }

  @Test
  void keeps_a_code_it_does_not_know_as_it_came() {
    assertThat(new DeclineCode("card_velocity_exceeded")).hasToString("card_velocity_exceeded");
  }

  @Test
  void rejects_a_missing_too_long_or_non_ascii_code() {
    assertRejected(() -> new DeclineCode(null), "declineCode", "required");
    assertRejected(() -> new DeclineCode(""), "declineCode", "required");
    assertRejected(() -> new DeclineCode("c".repeat(65)), "declineCode", "too_long");
    assertRejected(() -> new DeclineCode("refusé"), "declineCode", "not_printable_ascii");
  }
}
