package dev.paykit.domain.payment;

import static dev.paykit.domain.payment.PaymentFixtures.at;
import static dev.paykit.domain.payment.PaymentFixtures.newPayment;
import static dev.paykit.domain.payment.PaymentFixtures.said;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * Random sequences of what the provider says, as webhooks and look-ups, in any order, with every
 * event possibly delivered again later: the lifecycle must absorb all of it without throwing,
 * without losing an entry, and without a terminal state ever moving.
 */
class PaymentStateMachineProperties {

  /** One thing the provider said; {@code id} is its event id (webhook) or request id (look-up). */
  record Report(ProviderStatus status, Failure failure, TransitionSource source, String id) {
    ProviderReport toProviderReport() {
      ProviderPayment payment = said(status, failure);
      return source == TransitionSource.WEBHOOK
          ? ProviderReport.fromWebhook(payment, id)
          : ProviderReport.fromLookup(payment, id);
    }

    String recordedId(HistoryEntry entry) {
      return source == TransitionSource.WEBHOOK ? entry.eventId() : entry.requestId();
    }
  }

  @Provide
  Arbitrary<Failure> failures() {
    Arbitrary<DeclineCode> codes =
        Arbitraries.of(
            DeclineCode.INSUFFICIENT_FUNDS,
            DeclineCode.EXPIRED_CARD,
            DeclineCode.INVALID_CVV,
            DeclineCode.DO_NOT_HONOR,
            new DeclineCode("card_velocity_exceeded"));
    return Arbitraries.oneOf(
            Arbitraries.of(FailureReason.values()).map(Failure::of),
            codes.map(Failure::declined),
            codes.map(code -> new Failure(FailureReason.FRAUD_SUSPECTED, code, "risk score 97")))
        .injectNull(0.4);
  }

  /** Distinct events in a random order, each with its own id. */
  @Provide
  Arbitrary<List<Report>> reports() {
    Arbitrary<Tuple2<ProviderStatus, Failure>> said =
        Combinators.combine(Arbitraries.of(ProviderStatus.class), failures()).as(Tuple::of);
    Arbitrary<TransitionSource> sources =
        Arbitraries.of(TransitionSource.WEBHOOK, TransitionSource.LOOKUP);
    return Combinators.combine(said, sources)
        .as(Tuple::of)
        .list()
        .ofMaxSize(12)
        .map(
            drafts -> {
              List<Report> reports = new ArrayList<>();
              for (int i = 0; i < drafts.size(); i++) {
                var draft = drafts.get(i);
                String id = (draft.get2() == TransitionSource.WEBHOOK ? "evt_" : "req_") + i;
                reports.add(new Report(draft.get1().get1(), draft.get1().get2(), draft.get2(), id));
              }
              return reports;
            });
  }

  /**
   * Every event delivered 1 to 3 times: the copies come at random places after the first delivery,
   * as an at-least-once sender's retries do.
   */
  static List<Report> withRedeliveries(List<Report> once, Random random) {
    List<Report> delivered = new ArrayList<>(once);
    for (Report report : once) {
      int copies = random.nextInt(3);
      for (int c = 0; c < copies; c++) {
        int first = delivered.indexOf(report);
        int position = first + 1 + random.nextInt(delivered.size() - first);
        delivered.add(position, report);
      }
    }
    return delivered;
  }

  /** The payment after each report, starting with the new payment. */
  static List<Payment> run(List<Report> reports) {
    List<Payment> snapshots = new ArrayList<>();
    Payment payment = newPayment();
    snapshots.add(payment);
    for (int i = 0; i < reports.size(); i++) {
      payment = payment.apply(reports.get(i).toProviderReport(), at(i + 1)).payment();
      snapshots.add(payment);
    }
    return snapshots;
  }

  static Payment last(List<Payment> snapshots) {
    return snapshots.get(snapshots.size() - 1);
  }

  @Property
  void no_sequence_throws_and_every_report_ends_up_in_the_history(
      @ForAll("reports") List<Report> once, @ForAll Random random) {
    List<Report> delivered = withRedeliveries(once, random);

    Payment payment = last(run(delivered));

    List<HistoryEntry> history = payment.history();
    assertThat(history).hasSize(1 + delivered.size());
    for (int i = 0; i < delivered.size(); i++) {
      Report report = delivered.get(i);
      HistoryEntry entry = history.get(i + 1);
      assertThat(report.recordedId(entry)).isEqualTo(report.id());
      assertThat(entry.source()).isEqualTo(report.source());
      assertThat(entry.at()).isEqualTo(at(i + 1));
      assertThat(entry.reported())
          .isEqualTo(PaymentLifecycle.localStateOf(report.status(), report.failure()));
    }
  }

  @Property
  void sequence_numbers_strictly_increase_and_equal_the_version(
      @ForAll("reports") List<Report> once, @ForAll Random random) {
    Payment payment = last(run(withRedeliveries(once, random)));

    List<HistoryEntry> history = payment.history();
    for (int i = 0; i < history.size(); i++) {
      assertThat(history.get(i).sequence()).isEqualTo(i);
    }
    assertThat(history.get(history.size() - 1).sequence()).isEqualTo(payment.version());
  }

  @Property
  void version_increases_by_exactly_one_per_report(
      @ForAll("reports") List<Report> once, @ForAll Random random) {
    List<Payment> snapshots = run(withRedeliveries(once, random));

    for (int i = 1; i < snapshots.size(); i++) {
      assertThat(snapshots.get(i).version()).isEqualTo(snapshots.get(i - 1).version() + 1);
      assertThat(snapshots.get(i).history()).hasSize(snapshots.get(i - 1).history().size() + 1);
    }
  }

  @Property
  void a_terminal_state_never_changes_once_reached(
      @ForAll("reports") List<Report> once, @ForAll Random random) {
    List<Payment> snapshots = run(withRedeliveries(once, random));

    for (int i = 1; i < snapshots.size(); i++) {
      Payment before = snapshots.get(i - 1);
      Payment after = snapshots.get(i);
      if (before.state().isTerminal()) {
        assertThat(after.state()).isEqualTo(before.state());
        assertThat(after.failure()).isEqualTo(before.failure());
        assertThat(after.updatedAt()).isEqualTo(before.updatedAt());
        assertThat(after.history().get(after.history().size() - 1).outcome())
            .isNotEqualTo(Outcome.APPLIED);
      }
    }
  }

  @Property
  void the_state_changes_exactly_when_a_report_is_applied_and_only_forward(
      @ForAll("reports") List<Report> once, @ForAll Random random) {
    List<Payment> snapshots = run(withRedeliveries(once, random));

    for (int i = 1; i < snapshots.size(); i++) {
      Payment before = snapshots.get(i - 1);
      Payment after = snapshots.get(i);
      Outcome outcome = after.history().get(after.history().size() - 1).outcome();
      assertThat(after.state() != before.state()).isEqualTo(outcome == Outcome.APPLIED);
      assertThat(after.state().ordinal()).isGreaterThanOrEqualTo(before.state().ordinal());
      if (outcome == Outcome.APPLIED) {
        assertThat(PaymentLifecycle.isAllowed(before.state(), after.state())).isTrue();
      }
    }
  }

  @Property
  void redelivering_events_does_not_change_the_outcome(
      @ForAll("reports") List<Report> once, @ForAll Random random) {
    Payment deliveredOnce = last(run(once));
    Payment deliveredAgain = last(run(withRedeliveries(once, random)));

    assertThat(deliveredAgain.state()).isEqualTo(deliveredOnce.state());
    assertThat(deliveredAgain.failure()).isEqualTo(deliveredOnce.failure());
    assertThat(deliveredAgain.providerTransactionId())
        .isEqualTo(deliveredOnce.providerTransactionId());
  }

  /**
   * An independent model of the rules: the first terminal word wins; before it, the furthest step
   * reported so far; a failure only on a failed or cancelled payment.
   */
  @Property
  void the_outcome_is_the_first_terminal_word_or_else_the_furthest_step(
      @ForAll("reports") List<Report> once, @ForAll Random random) {
    List<Report> delivered = withRedeliveries(once, random);
    PaymentState expected = PaymentState.CREATED;
    Failure expectedFailure = null;
    for (Report report : delivered) {
      PaymentState reported = PaymentLifecycle.localStateOf(report.status(), report.failure());
      if (expected.isTerminal()) {
        break;
      }
      if (reported.isTerminal() || reported.ordinal() > expected.ordinal()) {
        expected = reported;
        boolean keepsFailure =
            reported == PaymentState.FAILED || reported == PaymentState.CANCELLED;
        expectedFailure = keepsFailure ? report.failure() : null;
      }
    }

    Payment payment = last(run(delivered));

    assertThat(payment.state()).isEqualTo(expected);
    assertThat(payment.failure()).isEqualTo(expectedFailure);
    if (payment.state() == PaymentState.SUCCEEDED || payment.state() == PaymentState.EXPIRED) {
      assertThat(payment.failureInfo()).isEmpty();
    }
    if (payment.state() == PaymentState.FAILED) {
      assertThat(Objects.requireNonNull(payment.failure()).reason())
          .isIn(FailureReason.DECLINED, FailureReason.FRAUD_SUSPECTED);
    }
  }
}
