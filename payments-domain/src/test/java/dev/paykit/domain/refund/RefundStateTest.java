package dev.paykit.domain.refund;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RefundStateTest {

  @ParameterizedTest(name = "{0} terminal={1}")
  @CsvSource({"REQUESTED, false", "PENDING, false", "SUCCEEDED, true", "FAILED, true"})
  void knows_which_states_are_terminal(RefundState state, boolean terminal) {
    assertThat(state.isTerminal()).isEqualTo(terminal);
  }
}
