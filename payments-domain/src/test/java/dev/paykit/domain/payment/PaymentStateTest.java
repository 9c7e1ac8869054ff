package dev.paykit.domain.payment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PaymentStateTest {

  @ParameterizedTest(name = "{0} terminal={1}")
  @CsvSource({
    "CREATED, false",
    "SUBMITTED, false",
    "STARTED, false",
    "IN_PROGRESS, false",
    "SUCCEEDED, true",
    "FAILED, true",
    "CANCELLED, true",
    "EXPIRED, true"
  })
  void knows_which_states_are_terminal_and_which_are_active(PaymentState state, boolean terminal) {
    assertThat(state.isTerminal()).isEqualTo(terminal);
    assertThat(state.isActive()).isEqualTo(!terminal);
  }

  @Test
  void declares_the_states_in_lifecycle_order() {
    // The lifecycle reads an earlier ordinal as an earlier step, so the order is part of the rule.
    assertThat(PaymentState.values())
        .containsExactly(
            PaymentState.CREATED,
            PaymentState.SUBMITTED,
            PaymentState.STARTED,
            PaymentState.IN_PROGRESS,
            PaymentState.SUCCEEDED,
            PaymentState.FAILED,
            PaymentState.CANCELLED,
            PaymentState.EXPIRED);
  }
}
