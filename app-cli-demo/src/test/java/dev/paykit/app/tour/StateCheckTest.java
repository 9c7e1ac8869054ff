package dev.paykit.app.tour;

import static dev.paykit.domain.payment.PaymentState.CANCELLED;
import static dev.paykit.domain.payment.PaymentState.CREATED;
import static dev.paykit.domain.payment.PaymentState.EXPIRED;
import static dev.paykit.domain.payment.PaymentState.FAILED;
import static dev.paykit.domain.payment.PaymentState.IN_PROGRESS;
import static dev.paykit.domain.payment.PaymentState.STARTED;
import static dev.paykit.domain.payment.PaymentState.SUBMITTED;
import static dev.paykit.domain.payment.PaymentState.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.domain.payment.PaymentState;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateCheckTest {

  private static List<PaymentState> accepted(StateCheck check, PaymentState expected) {
    return Arrays.stream(PaymentState.values()).filter(s -> check.holds(expected, s)).toList();
  }

  @Test
  void exact_holds_for_the_expected_state_only() {
    for (PaymentState expected : PaymentState.values()) {
      assertThat(accepted(StateCheck.EXACT, expected)).containsExactly(expected);
    }
  }

  @Test
  void at_or_after_holds_for_the_expected_state_and_every_later_one_never_an_earlier_one() {
    assertThat(accepted(StateCheck.AT_OR_AFTER, STARTED))
        .containsExactly(STARTED, IN_PROGRESS, SUCCEEDED, FAILED, CANCELLED, EXPIRED);
    assertThat(accepted(StateCheck.AT_OR_AFTER, IN_PROGRESS))
        .containsExactly(IN_PROGRESS, SUCCEEDED, FAILED, CANCELLED, EXPIRED);
    assertThat(accepted(StateCheck.AT_OR_AFTER, CREATED)).hasSize(PaymentState.values().length);
    assertThat(accepted(StateCheck.AT_OR_AFTER, SUBMITTED)).doesNotContain(CREATED);
  }

  @Test
  void at_or_after_a_final_state_is_that_state_alone() {
    for (PaymentState ending : List.of(SUCCEEDED, FAILED, CANCELLED, EXPIRED)) {
      assertThat(accepted(StateCheck.AT_OR_AFTER, ending)).containsExactly(ending);
      assertThat(StateCheck.AT_OR_AFTER.describe(ending)).isEqualTo(ending.toString());
    }
  }

  @Test
  void a_recorded_check_names_what_was_expected_and_says_what_was_seen() {
    Checks checks = new Checks();

    StateCheck.EXACT.record(checks, "state in the store", STARTED, STARTED);
    StateCheck.EXACT.record(checks, "state in the store", STARTED, SUCCEEDED);
    StateCheck.AT_OR_AFTER.record(checks, "state in the store", STARTED, SUCCEEDED);
    StateCheck.AT_OR_AFTER.record(checks, "state in the store", IN_PROGRESS, STARTED);

    assertThat(checks.all())
        .containsExactly(
            new Check("state in the store is STARTED", true, "STARTED"),
            new Check("state in the store is STARTED", false, "expected STARTED, was SUCCEEDED"),
            new Check("state in the store is STARTED or later", true, "SUCCEEDED"),
            new Check(
                "state in the store is IN_PROGRESS or later",
                false,
                "expected IN_PROGRESS or later, was STARTED"));
  }
}
