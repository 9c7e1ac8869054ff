package dev.paykit.domain.payment;

import static dev.paykit.domain.payment.PaymentFixtures.at;
import static dev.paykit.domain.payment.PaymentFixtures.newPayment;
import static dev.paykit.domain.payment.PaymentFixtures.said;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.constraints.IntRange;

/**
 * Random sequences of what the provider says, as webhooks and look-ups, in any order, with every
 * event possibly delivered again later: the lifecycle must absorb all of it without throwing,
 * without losing a report (each one appended to the trail or counted on its latest entry), without
 * the trail growing with mere repetition, and without a terminal state ever moving.
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
        Combinators.combine(Arbitraries.of(ProviderStatus.class), failures())
            .as(Tuple::of)
            // A declined payment's failure is always a decline: the others cannot be built.
            .filter(
                s ->
                    s.get1() != ProviderStatus.DECLINED
                        || s.get2() == null
                        || s.get2().reason().isDecline());
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

  /**
   * One run: the payment before and after each report, what each step returned, and the trail a
   * store builds from those results.
   */
  record Run(List<Payment> snapshots, List<TransitionResult> results, Trail trail) {
    Payment last() {
      return snapshots.get(snapshots.size() - 1);
    }
  }

  static Run run(List<Report> reports) {
    List<Payment> snapshots = new ArrayList<>();
    List<TransitionResult> results = new ArrayList<>();
    Payment payment = newPayment();
    Trail trail = new Trail(payment);
    snapshots.add(payment);
    for (int i = 0; i < reports.size(); i++) {
      TransitionResult result = payment.apply(reports.get(i).toProviderReport(), at(i + 1));
      results.add(result);
      payment = trail.record(result);
      snapshots.add(payment);
    }
    return new Run(snapshots, results, trail);
  }

  @Property
  void no_sequence_throws_and_every_report_is_in_the_trail_appended_or_counted(
      @ForAll("reports") List<Report> once, @ForAll Random random) {
    List<Report> delivered = withRedeliveries(once, random);

    Run run = run(delivered);

    Trail trail = new Trail(newPayment());
    for (int i = 0; i < delivered.size(); i++) {
      Report report = delivered.get(i);
      TransitionResult result = run.results().get(i);
      HistoryEntry before = trail.last();
      trail.record(result);
      HistoryEntry entry = trail.last();
      assertThat(run.snapshots().get(i + 1).latest()).isEqualTo(entry);
      assertThat(entry.source()).isEqualTo(report.source());
      assertThat(entry.reported())
          .isEqualTo(PaymentLifecycle.localStateOf(report.status(), report.failure()));
      if (result.appends()) {
        assertThat(report.recordedId(entry)).isEqualTo(report.id());
        assertThat(entry.at()).isEqualTo(at(i + 1));
        assertThat(entry.repeats()).isZero();
      } else {
        // Counted on the latest entry: that entry, once more, seen now; its first ids and time
        // kept.
        assertThat(entry.sequence()).isEqualTo(before.sequence());
        assertThat(entry.at()).isEqualTo(before.at());
        assertThat(entry.eventId()).isEqualTo(before.eventId());
        assertThat(entry.requestId()).isEqualTo(before.requestId());
        assertThat(entry.saysTheSameAs(before)).isTrue();
        assertThat(entry.repeats()).isEqualTo(before.repeats() + 1);
        assertThat(entry.lastSeenAt()).isEqualTo(at(i + 1));
      }
    }
    assertThat(trail.last()).isEqualTo(run.last().latest());
  }

  @Property
  void the_counts_add_up_to_the_reports_and_no_entry_is_counted_past_the_next(
      @ForAll("reports") List<Report> once, @ForAll Random random) {
    List<Report> delivered = withRedeliveries(once, random);

    Run run = run(delivered);

    List<HistoryEntry> trail = run.trail().entries();
    assertThat(run.trail().reportsAfterCreation()).isEqualTo(delivered.size());
    assertThat(trail).hasSizeLessThanOrEqualTo(1 + delivered.size());
    for (int i = 1; i < trail.size(); i++) {
      HistoryEntry previous = trail.get(i - 1);
      Instant previousLastSeen =
          previous.lastSeenAt() == null ? previous.at() : previous.lastSeenAt();
      assertThat(previousLastSeen)
          .as("an entry is counted only while it is the latest")
          .isBefore(trail.get(i).at());
      assertThat(previous.repeats()).isLessThanOrEqualTo(delivered.size());
    }
  }

  @Property
  void sequence_numbers_strictly_increase_and_equal_the_version(
      @ForAll("reports") List<Report> once, @ForAll Random random) {
    Run run = run(withRedeliveries(once, random));

    List<HistoryEntry> history = run.trail().entries();
    for (int i = 0; i < history.size(); i++) {
      assertThat(history.get(i).sequence()).isEqualTo(i);
    }
    assertThat(history.get(history.size() - 1).sequence()).isEqualTo(run.last().version());
    for (Payment snapshot : run.snapshots()) {
      assertThat(snapshot.latest().sequence()).isEqualTo(snapshot.version());
    }
  }

  @Property
  void version_increases_by_one_per_appended_entry_and_stays_for_a_counted_repeat(
      @ForAll("reports") List<Report> once, @ForAll Random random) {
    Run run = run(withRedeliveries(once, random));

    for (int i = 1; i < run.snapshots().size(); i++) {
      TransitionResult result = run.results().get(i - 1);
      long step = result.appends() ? 1 : 0;
      assertThat(run.snapshots().get(i).version())
          .isEqualTo(run.snapshots().get(i - 1).version() + step);
    }
  }

  @Property
  void a_counted_repeat_changes_nothing_but_the_latest_entry(
      @ForAll("reports") List<Report> once, @ForAll Random random) {
    Run run = run(withRedeliveries(once, random));

    for (int i = 1; i < run.snapshots().size(); i++) {
      Payment before = run.snapshots().get(i - 1);
      Payment after = run.snapshots().get(i);
      if (!run.results().get(i - 1).appends()) {
        assertThat(run.results().get(i - 1).outcome()).isNotEqualTo(Outcome.APPLIED);
        assertThat(after)
            .isEqualTo(
                new Payment(
                    before.id(),
                    before.idempotencyKey(),
                    before.provider(),
                    before.request(),
                    before.state(),
                    before.failure(),
                    before.transactionId(),
                    before.checkoutUrl(),
                    before.createdAt(),
                    before.updatedAt(),
                    before.version(),
                    after.latest()));
      }
    }
  }

  @Property
  void a_report_that_changes_nothing_and_says_what_the_latest_entry_says_is_always_counted(
      @ForAll("reports") List<Report> once, @ForAll Random random) {
    Run run = run(withRedeliveries(once, random));

    for (int i = 1; i < run.snapshots().size(); i++) {
      Payment before = run.snapshots().get(i - 1);
      Payment after = run.snapshots().get(i);
      TransitionResult result = run.results().get(i - 1);
      boolean changedNothing =
          result.outcome() != Outcome.APPLIED
              && Objects.equals(before.transactionId(), after.transactionId())
              && Objects.equals(before.checkoutUrl(), after.checkoutUrl());
      if (changedNothing && result.appends()) {
        assertThat(before.latest().saysTheSameAs(result.entry())).isFalse();
      }
    }
  }

  @Property
  void a_burst_of_the_same_report_grows_the_trail_by_at_most_one_entry(
      @ForAll("reports") List<Report> once,
      @ForAll @IntRange(min = 1, max = 30) int copies,
      @ForAll Random random) {
    Assume.that(!once.isEmpty());
    int burst = random.nextInt(once.size());
    List<Report> delivered = new ArrayList<>(once);
    for (int c = 0; c < copies; c++) {
      delivered.add(burst + 1, once.get(burst));
    }

    Run without = run(once);
    Run with = run(delivered);

    assertThat(with.trail().entries().size())
        .isBetween(without.trail().entries().size(), without.trail().entries().size() + 1);
    assertThat(with.last().state()).isEqualTo(without.last().state());
    assertThat(with.last().failure()).isEqualTo(without.last().failure());
  }

  @Property
  void a_terminal_state_never_changes_once_reached(
      @ForAll("reports") List<Report> once, @ForAll Random random) {
    Run run = run(withRedeliveries(once, random));

    for (int i = 1; i < run.snapshots().size(); i++) {
      Payment before = run.snapshots().get(i - 1);
      Payment after = run.snapshots().get(i);
      if (before.state().isTerminal()) {
        assertThat(after.state()).isEqualTo(before.state());
        assertThat(after.failure()).isEqualTo(before.failure());
        assertThat(after.updatedAt()).isEqualTo(before.updatedAt());
        assertThat(run.results().get(i - 1).outcome()).isNotEqualTo(Outcome.APPLIED);
        assertThat(after.latest().outcome()).isNotEqualTo(Outcome.APPLIED);
      }
    }
  }

  @Property
  void the_state_changes_exactly_when_a_report_is_applied_and_only_forward(
      @ForAll("reports") List<Report> once, @ForAll Random random) {
    Run run = run(withRedeliveries(once, random));

    for (int i = 1; i < run.snapshots().size(); i++) {
      Payment before = run.snapshots().get(i - 1);
      Payment after = run.snapshots().get(i);
      Outcome outcome = run.results().get(i - 1).outcome();
      assertThat(after.latest().outcome()).isEqualTo(outcome);
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
    Payment deliveredOnce = run(once).last();
    Payment deliveredAgain = run(withRedeliveries(once, random)).last();

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
        // What the provider's payment holds: a decline reported without a failure has one.
        expectedFailure = keepsFailure ? report.toProviderReport().payment().failure() : null;
      }
    }

    Payment payment = run(delivered).last();

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
