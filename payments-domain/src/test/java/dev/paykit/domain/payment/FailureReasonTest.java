package dev.paykit.domain.payment;

import static dev.paykit.domain.ValidationAssert.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class FailureReasonTest {

  @ParameterizedTest(name = "{0} <-> {1}")
  @CsvSource({
    "declined, DECLINED",
    "fraud_suspected, FRAUD_SUSPECTED",
    "customer_cancelled, CUSTOMER_CANCELLED",
    "rejected, REJECTED"
  })
  void reads_and_writes_the_wire_spelling(String wire, FailureReason reason) {
    assertThat(FailureReason.fromWire(wire)).isEqualTo(reason);
    assertThat(reason.wire()).isEqualTo(wire);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "DECLINED", "insufficient_funds"})
  void rejects_an_unknown_reason(String wire) {
    assertRejected(() -> FailureReason.fromWire(wire), "failure.reason", "unknown_value");
  }
}
