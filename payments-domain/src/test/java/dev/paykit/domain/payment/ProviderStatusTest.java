package dev.paykit.domain.payment;

import static dev.paykit.domain.ValidationAssert.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProviderStatusTest {

  @ParameterizedTest(name = "{0} <-> {1}")
  @CsvSource({
    "started, STARTED",
    "inprogress, IN_PROGRESS",
    "confirmed, CONFIRMED",
    "cancelled, CANCELLED",
    "expired, EXPIRED"
  })
  void reads_and_writes_the_wire_spelling(String wire, ProviderStatus status) {
    assertThat(ProviderStatus.fromWire(wire)).isEqualTo(status);
    assertThat(status.wire()).isEqualTo(wire);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "Started", "in_progress", "succeeded", "pending"})
  void rejects_an_unknown_status(String wire) {
    var e = assertRejected(() -> ProviderStatus.fromWire(wire), "status", "unknown_value");
    assertThat(e.getMessage()).contains("'" + wire + "'");
  }
}
