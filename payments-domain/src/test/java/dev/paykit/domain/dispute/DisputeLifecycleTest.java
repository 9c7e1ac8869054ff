package dev.paykit.domain.dispute;

import static dev.paykit.domain.dispute.DisputeState.LOST;
import static dev.paykit.domain.dispute.DisputeState.NEEDS_RESPONSE;
import static dev.paykit.domain.dispute.DisputeState.UNDER_REVIEW;
import static dev.paykit.domain.dispute.DisputeState.WON;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.domain.dispute.DisputeLifecycle.Rule;
import dev.paykit.domain.payment.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class DisputeLifecycleTest {

  @ParameterizedTest
  @CsvSource({
    // current, reported, expected rule (a state to move to, or the outcome kept)
    "NEEDS_RESPONSE, NEEDS_RESPONSE, DUPLICATE",
    "NEEDS_RESPONSE, UNDER_REVIEW, UNDER_REVIEW",
    "NEEDS_RESPONSE, WON, WON",
    "NEEDS_RESPONSE, LOST, LOST",
    "UNDER_REVIEW, NEEDS_RESPONSE, STALE",
    "UNDER_REVIEW, UNDER_REVIEW, DUPLICATE",
    "UNDER_REVIEW, WON, WON",
    "UNDER_REVIEW, LOST, LOST",
    "WON, NEEDS_RESPONSE, STALE",
    "WON, UNDER_REVIEW, STALE",
    "WON, WON, DUPLICATE",
    "WON, LOST, ANOMALY",
    "LOST, NEEDS_RESPONSE, STALE",
    "LOST, UNDER_REVIEW, STALE",
    "LOST, WON, ANOMALY",
    "LOST, LOST, DUPLICATE"
  })
  void every_report_in_every_state_has_the_rule_the_design_gives_it(
      DisputeState current, DisputeState reported, String expected) {
    Rule rule = DisputeLifecycle.rule(current, DisputeEvent.reported(reported));

    Rule wanted =
        switch (expected) {
          case "DUPLICATE", "STALE", "ANOMALY" -> new Rule.Keep(Outcome.valueOf(expected));
          default -> new Rule.Move(DisputeState.valueOf(expected));
        };
    assertThat(rule).isEqualTo(wanted);
  }

  @ParameterizedTest
  @EnumSource(
      value = DisputeState.class,
      names = {"WON", "LOST"})
  void a_terminal_dispute_allows_no_move(DisputeState terminal) {
    for (DisputeState to : DisputeState.values()) {
      assertThat(DisputeLifecycle.isAllowed(terminal, to)).as("%s to %s", terminal, to).isFalse();
    }
    for (DisputeEvent event : DisputeEvent.values()) {
      assertThat(DisputeLifecycle.rule(terminal, event)).isNotInstanceOf(Rule.Move.class);
    }
  }

  @Test
  void accepted_evidence_moves_a_dispute_needing_a_response_under_review_and_is_noted_elsewhere() {
    assertThat(DisputeLifecycle.rule(NEEDS_RESPONSE, DisputeEvent.EVIDENCE_ACCEPTED))
        .isEqualTo(new Rule.Move(UNDER_REVIEW));
    assertThat(DisputeLifecycle.rule(UNDER_REVIEW, DisputeEvent.EVIDENCE_ACCEPTED))
        .isEqualTo(new Rule.Note());
    assertThat(DisputeLifecycle.rule(WON, DisputeEvent.EVIDENCE_ACCEPTED))
        .isEqualTo(new Rule.Note());
  }

  @Test
  void the_deadline_reminder_counts_only_while_a_response_is_needed() {
    assertThat(DisputeLifecycle.rule(NEEDS_RESPONSE, DisputeEvent.DEADLINE_REMINDED))
        .isEqualTo(new Rule.Note());
    assertThat(DisputeLifecycle.rule(UNDER_REVIEW, DisputeEvent.DEADLINE_REMINDED))
        .isEqualTo(new Rule.Ignore());
    assertThat(DisputeLifecycle.rule(LOST, DisputeEvent.DEADLINE_REMINDED))
        .isEqualTo(new Rule.Ignore());
  }
}
