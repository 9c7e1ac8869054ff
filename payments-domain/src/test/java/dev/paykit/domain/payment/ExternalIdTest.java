package dev.paykit.domain.payment;

import static dev.paykit.domain.ValidationAssert.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExternalIdTest {

  @Test
  void accepts_one_to_sixty_four_characters_including_unicode() {
    assertThat(new ExternalId("Bestellung-ü-1")).hasToString("Bestellung-ü-1");
    assertThat(new ExternalId("o".repeat(64)).value()).hasSize(64);
  }

  @Test
  void rejects_a_missing_too_long_or_control_character_id() {
    assertRejected(() -> new ExternalId(null), "externalId", "required");
    assertRejected(() -> new ExternalId(""), "externalId", "required");
    assertRejected(() -> new ExternalId("o".repeat(65)), "externalId", "too_long");
    assertRejected(() -> new ExternalId("order\t1"), "externalId", "control_character");
  }
}
