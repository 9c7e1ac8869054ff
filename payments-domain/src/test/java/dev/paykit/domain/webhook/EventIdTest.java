package dev.paykit.domain.webhook;

import static dev.paykit.domain.ValidationAssert.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventIdTest {

  @Test
  void is_one_to_255_printable_ascii_characters_named_as_its_header() {
    assertThat(new EventId("e".repeat(255))).hasToString("e".repeat(255));
    assertRejected(() -> new EventId(null), "webhook-id", "required");
    assertRejected(() -> new EventId(""), "webhook-id", "required");
    assertRejected(() -> new EventId("e".repeat(256)), "webhook-id", "too_long");
    assertRejected(() -> new EventId("evt_é"), "webhook-id", "not_printable_ascii");
  }
}
