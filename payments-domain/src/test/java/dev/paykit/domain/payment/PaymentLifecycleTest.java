package dev.paykit.domain.payment;

import static dev.paykit.domain.payment.PaymentState.CANCELLED;
import static dev.paykit.domain.payment.PaymentState.CREATED;
import static dev.paykit.domain.payment.PaymentState.EXPIRED;
import static dev.paykit.domain.payment.PaymentState.FAILED;
import static dev.paykit.domain.payment.PaymentState.IN_PROGRESS;
import static dev.paykit.domain.payment.PaymentState.STARTED;
import static dev.paykit.domain.payment.PaymentState.SUBMITTED;
import static dev.paykit.domain.payment.PaymentState.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class PaymentLifecycleTest {

  /** The design's table, written out independently of the implementation. */
  private static final Map<PaymentState, Set<PaymentState>> EXPECTED =
      Map.of(
          CREATED,
          EnumSet.of(SUBMITTED, STARTED, IN_PROGRESS, SUCCEEDED, FAILED, CANCELLED, EXPIRED),
          SUBMITTED,
          EnumSet.of(STARTED, IN_PROGRESS, SUCCEEDED, FAILED, CANCELLED, EXPIRED),
          STARTED,
          EnumSet.of(IN_PROGRESS, SUCCEEDED, FAILED, CANCELLED, EXPIRED),
          IN_PROGRESS,
          EnumSet.of(SUCCEEDED, FAILED, CANCELLED, EXPIRED),
          SUCCEEDED,
          EnumSet.noneOf(PaymentState.class),
          FAILED,
          EnumSet.noneOf(PaymentState.class),
          CANCELLED,
          EnumSet.noneOf(PaymentState.class),
          EXPIRED,
          EnumSet.noneOf(PaymentState.class));

  static Stream<Arguments> everyPairOfStates() {
    List<Arguments> pairs = new ArrayList<>();
    for (PaymentState from : PaymentState.values()) {
      for (PaymentState to : PaymentState.values()) {
        pairs.add(Arguments.of(from, to));
      }
    }
    return pairs.stream();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("everyPairOfStates")
  void allows_exactly_the_transitions_of_the_design_table(PaymentState from, PaymentState to) {
    assertThat(PaymentLifecycle.isAllowed(from, to)).isEqualTo(EXPECTED.get(from).contains(to));
  }

  @ParameterizedTest
  @EnumSource(PaymentState.class)
  void lists_the_allowed_targets_of_each_state(PaymentState from) {
    assertThat(PaymentLifecycle.allowedFrom(from)).isEqualTo(EXPECTED.get(from));
  }

  @ParameterizedTest
  @EnumSource(
      value = PaymentState.class,
      names = {"SUCCEEDED", "FAILED", "CANCELLED", "EXPIRED"})
  void terminal_states_lead_nowhere(PaymentState terminal) {
    assertThat(terminal.isTerminal()).isTrue();
    assertThat(PaymentLifecycle.allowedFrom(terminal)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(PaymentState.class)
  void no_state_transitions_to_itself(PaymentState state) {
    assertThat(PaymentLifecycle.isAllowed(state, state)).isFalse();
  }

  @Test
  void the_table_cannot_be_changed_from_outside() {
    assertThatThrownBy(() -> PaymentLifecycle.allowedFrom(STARTED).add(CREATED))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(PaymentLifecycle.isAllowed(STARTED, CREATED)).isFalse();
  }

  @ParameterizedTest(name = "{0} + {1} -> {2}")
  @CsvSource({
    "STARTED,     ,                   STARTED",
    "IN_PROGRESS, ,                   IN_PROGRESS",
    "CONFIRMED,   ,                   SUCCEEDED",
    "CANCELLED,   DECLINED,           FAILED",
    "CANCELLED,   FRAUD_SUSPECTED,    FAILED",
    "CANCELLED,   CUSTOMER_CANCELLED, CANCELLED",
    "CANCELLED,   ,                   CANCELLED",
    "EXPIRED,     ,                   EXPIRED"
  })
  void maps_the_provider_status_to_a_local_state(
      ProviderStatus status, FailureReason reason, PaymentState expected) {
    Failure failure = reason == null ? null : Failure.of(reason);
    assertThat(PaymentLifecycle.localStateOf(status, failure)).isEqualTo(expected);
  }

  @Test
  void keeps_a_declined_cancellation_failed_whatever_the_decline_code() {
    assertThat(
            PaymentLifecycle.localStateOf(
                ProviderStatus.CANCELLED, Failure.declined(new DeclineCode("card_velocity"))))
        .isEqualTo(FAILED);
    assertThat(
            PaymentLifecycle.localStateOf(
                ProviderStatus.CANCELLED, new Failure(FailureReason.DECLINED, null, null)))
        .isEqualTo(FAILED);
  }

  @ParameterizedTest(name = "{0} reported in {1} is {2}")
  @CsvSource({
    // forward moves apply
    "CREATED,     STARTED,     APPLIED",
    "CREATED,     SUCCEEDED,   APPLIED",
    "SUBMITTED,   STARTED,     APPLIED",
    "SUBMITTED,   EXPIRED,     APPLIED",
    "STARTED,     IN_PROGRESS, APPLIED",
    "STARTED,     FAILED,      APPLIED",
    "IN_PROGRESS, SUCCEEDED,   APPLIED",
    "IN_PROGRESS, CANCELLED,   APPLIED",
    // the same state again
    "STARTED,     STARTED,     DUPLICATE",
    "IN_PROGRESS, IN_PROGRESS, DUPLICATE",
    "SUCCEEDED,   SUCCEEDED,   DUPLICATE",
    "FAILED,      FAILED,      DUPLICATE",
    // an earlier step arriving late
    "IN_PROGRESS, STARTED,     STALE",
    "SUBMITTED,   CREATED,     STALE",
    "SUCCEEDED,   IN_PROGRESS, STALE",
    "SUCCEEDED,   STARTED,     STALE",
    "EXPIRED,     IN_PROGRESS, STALE",
    "FAILED,      STARTED,     STALE",
    // a terminal state contradicted
    "SUCCEEDED,   CANCELLED,   ANOMALY",
    "SUCCEEDED,   FAILED,      ANOMALY",
    "CANCELLED,   SUCCEEDED,   ANOMALY",
    "EXPIRED,     SUCCEEDED,   ANOMALY",
    "FAILED,      CANCELLED,   ANOMALY"
  })
  void classifies_a_report_against_the_current_state(
      PaymentState current, PaymentState reported, Outcome expected) {
    assertThat(PaymentLifecycle.classify(current, reported)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("everyPairOfStates")
  void classifies_every_pair_by_the_rules_of_the_design(
      PaymentState current, PaymentState reported) {
    Outcome expected;
    if (current == reported) {
      expected = Outcome.DUPLICATE;
    } else if (current.isTerminal()) {
      expected = reported.isTerminal() ? Outcome.ANOMALY : Outcome.STALE;
    } else if (EXPECTED.get(current).contains(reported)) {
      expected = Outcome.APPLIED;
    } else {
      expected = Outcome.STALE;
    }
    assertThat(PaymentLifecycle.classify(current, reported)).isEqualTo(expected);
  }

  @ParameterizedTest
  @EnumSource(
      value = PaymentState.class,
      names = {"SUCCEEDED", "FAILED", "CANCELLED", "EXPIRED"})
  void never_applies_anything_to_a_terminal_state(PaymentState terminal) {
    for (PaymentState reported : PaymentState.values()) {
      assertThat(PaymentLifecycle.classify(terminal, reported)).isNotEqualTo(Outcome.APPLIED);
    }
  }
}
