package dev.paykit.domain.dispute;

import static dev.paykit.domain.dispute.DisputeFixtures.DUE;
import static dev.paykit.domain.dispute.DisputeFixtures.opened;
import static dev.paykit.domain.dispute.DisputeFixtures.said;
import static dev.paykit.domain.dispute.DisputeFixtures.webhook;
import static dev.paykit.domain.payment.PaymentFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.Outcome;
import dev.paykit.domain.payment.TransitionSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DisputeTest {

  @Test
  void a_dispute_opens_in_the_state_the_provider_reports_with_its_first_entry() {
    Dispute dispute = opened(DisputeState.NEEDS_RESPONSE);

    assertThat(dispute.state()).isEqualTo(DisputeState.NEEDS_RESPONSE);
    assertThat(dispute.version()).isZero();
    assertThat(dispute.evidenceDueBy()).isEqualTo(DUE);
    assertThat(dispute.latest().from()).isNull();
    assertThat(dispute.latest().outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(dispute.latest().eventId()).isEqualTo("evt_open");
    assertThat(dispute.holdsMoney()).isTrue();
  }

  @Test
  void a_report_moves_it_forward_and_a_repeat_is_recorded_as_a_duplicate() {
    DisputeStep review =
        opened(DisputeState.NEEDS_RESPONSE).apply(webhook(DisputeState.UNDER_REVIEW, "e2"), at(5));
    DisputeStep again = review.dispute().apply(webhook(DisputeState.UNDER_REVIEW, "e3"), at(6));

    assertThat(review.outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(review.moved()).isTrue();
    assertThat(review.dispute().version()).isEqualTo(1);
    assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE);
    assertThat(again.moved()).isFalse();
    assertThat(again.dispute().version()).isEqualTo(2);
    assertThat(again.dispute().state()).isEqualTo(DisputeState.UNDER_REVIEW);
  }

  @Test
  void a_late_report_of_an_earlier_state_is_stale_and_a_contradiction_of_an_outcome_an_anomaly() {
    Dispute won =
        opened(DisputeState.UNDER_REVIEW).apply(webhook(DisputeState.WON, "e2"), at(5)).dispute();

    DisputeStep late = won.apply(webhook(DisputeState.NEEDS_RESPONSE, "e1"), at(6));
    DisputeStep lost = late.dispute().apply(webhook(DisputeState.LOST, "e3"), at(7));

    assertThat(late.outcome()).isEqualTo(Outcome.STALE);
    assertThat(lost.outcome()).isEqualTo(Outcome.ANOMALY);
    assertThat(lost.dispute().state()).isEqualTo(DisputeState.WON);
    assertThat(lost.dispute().holdsMoney()).isFalse();
  }

  @Test
  void a_report_of_another_amount_is_rejected_and_changes_nothing_but_the_history() {
    Dispute dispute = opened(DisputeState.NEEDS_RESPONSE);

    DisputeStep step =
        dispute.apply(
            DisputeReport.fromWebhook(said(DisputeState.LOST, Money.of(1, "EUR")), "e2"), at(5));

    assertThat(step.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(step.dispute().state()).isEqualTo(DisputeState.NEEDS_RESPONSE);
    assertThat(step.entry().detail()).contains("amount");
  }

  @Test
  void accepted_evidence_is_noted_and_moves_the_dispute_under_review() {
    DisputeStep step =
        opened(DisputeState.NEEDS_RESPONSE)
            .evidenceAccepted(
                DisputeReport.fromEvidenceResponse(said(DisputeState.UNDER_REVIEW), "req_1"),
                at(10));

    assertThat(step.dispute().state()).isEqualTo(DisputeState.UNDER_REVIEW);
    assertThat(step.dispute().evidenceSubmitted()).hasValue(at(10));
    assertThat(step.entry().event()).isEqualTo(DisputeEvent.EVIDENCE_ACCEPTED);
    assertThat(step.entry().source()).isEqualTo(TransitionSource.PROVIDER_RESPONSE);
  }

  @Test
  void the_deadline_reminder_is_raised_once_only_when_it_is_near_and_no_evidence_was_sent() {
    Dispute dispute = opened(DisputeState.NEEDS_RESPONSE);
    Duration window = Duration.ofHours(48);

    assertThat(dispute.remindIfDue(DUE.minus(Duration.ofHours(49)), window)).isEmpty();
    DisputeStep reminded =
        dispute.remindIfDue(DUE.minus(Duration.ofHours(47)), window).orElseThrow();
    assertThat(reminded.dispute().reminderSent()).isPresent();
    assertThat(reminded.entry().event()).isEqualTo(DisputeEvent.DEADLINE_REMINDED);
    assertThat(reminded.dispute().remindIfDue(DUE.minus(Duration.ofHours(1)), window)).isEmpty();
    Dispute answered =
        dispute
            .evidenceAccepted(
                DisputeReport.fromEvidenceResponse(said(DisputeState.UNDER_REVIEW), "req_1"),
                at(10))
            .dispute();
    assertThat(answered.remindIfDue(DUE.minus(Duration.ofHours(1)), window)).isEmpty();
  }

  @Test
  void a_reminder_changes_no_state_and_no_news_time() {
    Dispute dispute = opened(DisputeState.NEEDS_RESPONSE);

    DisputeStep reminded = dispute.remindIfDue(DUE, Duration.ofHours(48)).orElseThrow();

    assertThat(reminded.moved()).isFalse();
    assertThat(reminded.dispute().lastNewsAt()).isEqualTo(dispute.lastNewsAt());
    assertThat(reminded.entry().source()).isEqualTo(TransitionSource.LOCAL);
  }
}
