package dev.paykit.domain.idempotency;

import static dev.paykit.domain.ValidationAssert.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdempotencyScopeTest {

  @Test
  void creates_and_refunds_have_scopes_of_their_own() {
    assertThat(IdempotencyScope.CREATE_PAYMENT.value()).isEqualTo("payment.create");
    assertThat(IdempotencyScope.CREATE_REFUND.value()).isEqualTo("refund.create");
    assertThat(IdempotencyScope.CREATE_PAYMENT).isNotEqualTo(IdempotencyScope.CREATE_REFUND);
  }

  @Test
  void is_one_to_sixty_four_printable_ascii_characters() {
    assertThat(new IdempotencyScope("s".repeat(64)).value()).hasSize(64);
    assertRejected(() -> new IdempotencyScope(""), "scope", "required");
    assertRejected(() -> new IdempotencyScope("s".repeat(65)), "scope", "too_long");
    assertRejected(
        () -> new IdempotencyScope("zahlung.überweisen"), "scope", "not_printable_ascii");
  }
}
