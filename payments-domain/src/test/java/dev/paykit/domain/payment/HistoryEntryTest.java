package dev.paykit.domain.payment;

import static dev.paykit.domain.payment.PaymentFixtures.T0;
import static dev.paykit.domain.payment.PaymentFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HistoryEntryTest {

  @Test
  void requires_what_was_reported_its_outcome_its_source_and_its_time() {
    assertThatNullPointerException()
        .isThrownBy(
            () ->
                new HistoryEntry(
                    1, null, null, Outcome.APPLIED, TransitionSource.LOCAL, T0, null, null, null))
        .withMessage("reported");
    assertThatNullPointerException()
        .isThrownBy(
            () ->
                new HistoryEntry(
                    1,
                    null,
                    PaymentState.STARTED,
                    null,
                    TransitionSource.LOCAL,
                    T0,
                    null,
                    null,
                    null))
        .withMessage("outcome");
    assertThatNullPointerException()
        .isThrownBy(
            () ->
                new HistoryEntry(
                    1, null, PaymentState.STARTED, Outcome.APPLIED, null, T0, null, null, null))
        .withMessage("source");
    assertThatNullPointerException()
        .isThrownBy(
            () ->
                new HistoryEntry(
                    1,
                    null,
                    PaymentState.STARTED,
                    Outcome.APPLIED,
                    TransitionSource.LOCAL,
                    null,
                    null,
                    null,
                    null))
        .withMessage("at");
  }

  @Test
  void exposes_the_provider_ids_as_optionals() {
    HistoryEntry entry =
        new HistoryEntry(
            3,
            PaymentState.STARTED,
            PaymentState.SUCCEEDED,
            Outcome.APPLIED,
            TransitionSource.WEBHOOK,
            T0,
            "evt_1",
            "req_1",
            null);

    assertThat(entry.providerEventId()).contains("evt_1");
    assertThat(entry.providerRequestId()).contains("req_1");
  }

  private static HistoryEntry staleStarted() {
    return new HistoryEntry(
        4,
        PaymentState.SUCCEEDED,
        PaymentState.STARTED,
        Outcome.STALE,
        TransitionSource.WEBHOOK,
        T0,
        "evt_1",
        null,
        null);
  }

  @Test
  void an_entry_said_once_has_no_repeats_and_no_last_seen_time() {
    HistoryEntry entry = staleStarted();

    assertThat(entry.repeats()).isZero();
    assertThat(entry.lastSeenAt()).isNull();
    assertThat(entry.timesSaid()).isEqualTo(1);
  }

  @Test
  void refuses_a_negative_count_of_repeats() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new HistoryEntry(
                    1,
                    null,
                    PaymentState.STARTED,
                    Outcome.APPLIED,
                    TransitionSource.LOCAL,
                    T0,
                    null,
                    null,
                    null,
                    -1,
                    T0))
        .withMessageContaining("repeats")
        .withMessageContaining("-1");
  }

  @Test
  void has_a_last_seen_time_exactly_when_it_was_repeated() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new HistoryEntry(
                    1,
                    null,
                    PaymentState.STARTED,
                    Outcome.STALE,
                    TransitionSource.LOCAL,
                    T0,
                    null,
                    null,
                    null,
                    0,
                    T0))
        .withMessageContaining("lastSeenAt");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new HistoryEntry(
                    1,
                    null,
                    PaymentState.STARTED,
                    Outcome.STALE,
                    TransitionSource.LOCAL,
                    T0,
                    null,
                    null,
                    null,
                    2,
                    null))
        .withMessageContaining("lastSeenAt");
  }

  @Test
  void a_repeat_counts_once_more_and_keeps_the_first_time_and_ids() {
    HistoryEntry once = staleStarted();

    HistoryEntry twice = once.repeatedAt(at(5));
    HistoryEntry thrice = twice.repeatedAt(at(9));

    assertThat(twice.repeats()).isEqualTo(1);
    assertThat(twice.lastSeenAt()).isEqualTo(at(5));
    assertThat(thrice.repeats()).isEqualTo(2);
    assertThat(thrice.timesSaid()).isEqualTo(3);
    assertThat(thrice.lastSeenAt()).isEqualTo(at(9));
    assertThat(thrice.at()).isEqualTo(T0);
    assertThat(thrice.sequence()).isEqualTo(once.sequence());
    assertThat(thrice.eventId()).isEqualTo("evt_1");
    assertThat(thrice.saysTheSameAs(once)).isTrue();
    assertThat(once.repeats()).as("the entry repeated is left as it was").isZero();
  }

  @Test
  void the_last_seen_time_never_goes_back_when_clocks_disagree() {
    HistoryEntry seenLate = staleStarted().repeatedAt(at(9));

    assertThat(seenLate.repeatedAt(at(3)).lastSeenAt()).isEqualTo(at(9));
  }

  @Test
  void the_last_seen_time_is_never_before_the_first_time() {
    // Another node's clock behind the one that wrote the entry: the entry was last seen when it
    // was first said, not before it.
    HistoryEntry repeated = staleStarted().repeatedAt(T0.minusSeconds(2));

    assertThat(repeated.repeats()).isEqualTo(1);
    assertThat(repeated.lastSeenAt()).isEqualTo(T0);
  }

  static Stream<Arguments> entriesThatSaySomethingElse() {
    HistoryEntry base = staleStarted();
    return Stream.of(
        Arguments.of("from", withFrom(base, PaymentState.EXPIRED)),
        Arguments.of("from none", withFrom(base, null)),
        Arguments.of(
            "reported",
            new HistoryEntry(
                4,
                PaymentState.SUCCEEDED,
                PaymentState.IN_PROGRESS,
                Outcome.STALE,
                TransitionSource.WEBHOOK,
                T0,
                "evt_1",
                null,
                null)),
        Arguments.of(
            "outcome",
            new HistoryEntry(
                4,
                PaymentState.SUCCEEDED,
                PaymentState.STARTED,
                Outcome.REJECTED,
                TransitionSource.WEBHOOK,
                T0,
                "evt_1",
                null,
                null)),
        Arguments.of(
            "source",
            new HistoryEntry(
                4,
                PaymentState.SUCCEEDED,
                PaymentState.STARTED,
                Outcome.STALE,
                TransitionSource.LOOKUP,
                T0,
                "evt_1",
                null,
                null)),
        Arguments.of(
            "detail",
            new HistoryEntry(
                4,
                PaymentState.SUCCEEDED,
                PaymentState.STARTED,
                Outcome.STALE,
                TransitionSource.WEBHOOK,
                T0,
                "evt_1",
                null,
                "amount differs")));
  }

  private static HistoryEntry withFrom(HistoryEntry e, PaymentState from) {
    return new HistoryEntry(
        e.sequence(),
        from,
        e.reported(),
        e.outcome(),
        e.source(),
        e.at(),
        e.eventId(),
        e.requestId(),
        e.detail());
  }

  @ParameterizedTest(name = "another {0}")
  @MethodSource("entriesThatSaySomethingElse")
  void says_something_else_when_the_move_outcome_source_or_detail_differs(
      String what, HistoryEntry other) {
    assertThat(staleStarted().saysTheSameAs(other)).isFalse();
    assertThat(other.saysTheSameAs(staleStarted())).isFalse();
  }

  @Test
  void says_the_same_whatever_the_ids_the_times_the_sequence_and_the_count() {
    HistoryEntry other =
        new HistoryEntry(
            9,
            PaymentState.SUCCEEDED,
            PaymentState.STARTED,
            Outcome.STALE,
            TransitionSource.WEBHOOK,
            at(60),
            "evt_2",
            "req_2",
            null,
            3,
            at(90));

    assertThat(staleStarted().saysTheSameAs(other)).isTrue();
    assertThat(other.saysTheSameAs(staleStarted())).isTrue();
  }
}
