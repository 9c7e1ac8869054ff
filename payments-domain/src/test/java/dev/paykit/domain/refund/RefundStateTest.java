package dev.paykit.domain.refund;

import static dev.paykit.domain.ValidationAssert.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RefundStateTest {

  @ParameterizedTest(name = "{0} terminal={1}")
  @CsvSource({"REQUESTED, false", "PENDING, false", "SUCCEEDED, true", "FAILED, true"})
  void knows_which_states_are_terminal(RefundState state, boolean terminal) {
    assertThat(state.isTerminal()).isEqualTo(terminal);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"pending, PENDING", "succeeded, SUCCEEDED", "failed, FAILED"})
  void reads_the_provider_status(String wire, RefundState state) {
    assertThat(RefundState.fromWire(wire)).isEqualTo(state);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "requested", "PENDING", "refunded"})
  void rejects_an_unknown_or_local_only_status(String wire) {
    var e = assertRejected(() -> RefundState.fromWire(wire), "status", "unknown_value");
    assertThat(e.getMessage()).contains("'" + wire + "'");
  }
}
