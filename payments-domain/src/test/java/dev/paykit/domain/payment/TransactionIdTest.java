package dev.paykit.domain.payment;

import static dev.paykit.domain.ValidationAssert.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransactionIdTest {

  @Test
  void accepts_one_to_255_printable_ascii_characters() {
    assertThat(new TransactionId("tx_" + "a".repeat(252)).value()).hasSize(255);
    assertThat(new TransactionId("tx_1")).hasToString("tx_1");
  }

  @Test
  void rejects_a_missing_too_long_or_non_ascii_id() {
    assertRejected(() -> new TransactionId(null), "transactionId", "required");
    assertRejected(() -> new TransactionId(""), "transactionId", "required");
    assertRejected(() -> new TransactionId("t".repeat(256)), "transactionId", "too_long");
    assertRejected(() -> new TransactionId("tx_ü"), "transactionId", "not_printable_ascii");
  }
}
