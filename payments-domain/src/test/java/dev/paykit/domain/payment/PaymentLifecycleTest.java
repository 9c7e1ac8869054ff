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

import dev.paykit.domain.payment.PaymentLifecycle.Rule;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
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
    "DECLINED,    DECLINED,           FAILED",
    "DECLINED,    FRAUD_SUSPECTED,    FAILED",
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
  void keeps_a_decline_reported_as_a_cancellation_failed_whatever_the_decline_code() {
    assertThat(
            PaymentLifecycle.localStateOf(
                ProviderStatus.CANCELLED, Failure.declined(new DeclineCode("card_velocity"))))
        .isEqualTo(FAILED);
    assertThat(
            PaymentLifecycle.localStateOf(
                ProviderStatus.CANCELLED, new Failure(FailureReason.DECLINED, null, null)))
        .isEqualTo(FAILED);
  }

  /** What a rule records: the outcome of a kept event, {@code APPLIED} for a move. */
  private static Outcome outcomeOf(Rule rule) {
    if (rule instanceof Rule.Move) {
      return Outcome.APPLIED;
    }
    if (rule instanceof Rule.Keep keep) {
      return keep.outcome();
    }
    throw new AssertionError("records nothing: " + rule);
  }

  private static final Set<PaymentState> REPORTABLE =
      EnumSet.of(STARTED, IN_PROGRESS, SUCCEEDED, FAILED, CANCELLED, EXPIRED);

  @ParameterizedTest(name = "{1} reported in {0} is {2}")
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
  void decides_a_report_against_the_current_state(
      PaymentState current, PaymentState reported, Outcome expected) {
    Rule rule = PaymentLifecycle.rule(current, LifecycleEvent.reported(reported));

    assertThat(outcomeOf(rule)).isEqualTo(expected);
    if (expected == Outcome.APPLIED) {
      assertThat(rule).isEqualTo(new Rule.Move(reported));
    }
  }

  static Stream<Arguments> everyStateAndReportableState() {
    List<Arguments> pairs = new ArrayList<>();
    for (PaymentState current : PaymentState.values()) {
      for (PaymentState reported : REPORTABLE) {
        pairs.add(Arguments.of(current, reported));
      }
    }
    return pairs.stream();
  }

  @ParameterizedTest(name = "{1} reported in {0}")
  @MethodSource("everyStateAndReportableState")
  void decides_every_report_by_the_rules_of_the_design(
      PaymentState current, PaymentState reported) {
    Rule expected;
    if (current == reported) {
      expected = new Rule.Keep(Outcome.DUPLICATE);
    } else if (current.isTerminal()) {
      expected = new Rule.Keep(reported.isTerminal() ? Outcome.ANOMALY : Outcome.STALE);
    } else if (EXPECTED.get(current).contains(reported)) {
      expected = new Rule.Move(reported);
    } else {
      expected = new Rule.Keep(Outcome.STALE);
    }
    assertThat(PaymentLifecycle.rule(current, LifecycleEvent.reported(reported)))
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @EnumSource(
      value = PaymentState.class,
      names = {"SUCCEEDED", "FAILED", "CANCELLED", "EXPIRED"})
  void never_moves_a_terminal_state_whatever_happens(PaymentState terminal) {
    for (LifecycleEvent event : LifecycleEvent.values()) {
      assertThat(PaymentLifecycle.rule(terminal, event)).isNotInstanceOf(Rule.Move.class);
    }
  }

  static Stream<Arguments> everyStateAndEvent() {
    List<Arguments> cells = new ArrayList<>();
    for (PaymentState state : PaymentState.values()) {
      for (LifecycleEvent event : LifecycleEvent.values()) {
        cells.add(Arguments.of(state, event));
      }
    }
    return cells.stream();
  }

  @ParameterizedTest(name = "{1} in {0}")
  @MethodSource("everyStateAndEvent")
  void has_a_rule_for_every_state_and_event_and_moves_only_where_the_lifecycle_allows(
      PaymentState state, LifecycleEvent event) {
    Rule rule = PaymentLifecycle.rule(state, event);

    assertThat(rule).isNotNull();
    if (rule instanceof Rule.Move move) {
      assertThat(PaymentLifecycle.isAllowed(state, move.to())).isTrue();
      assertThat(move.to()).isEqualTo(event.says());
    }
    if (rule instanceof Rule.Keep) {
      assertThat(event.says())
          .as("a kept event is recorded with the state it speaks of")
          .isNotNull();
    }
  }

  @ParameterizedTest
  @EnumSource(PaymentState.class)
  void a_refused_create_fails_a_payment_not_yet_accepted_and_is_rejected_after(PaymentState state) {
    Rule expected =
        state == CREATED || state == SUBMITTED
            ? new Rule.Move(FAILED)
            : new Rule.Keep(Outcome.REJECTED);

    assertThat(PaymentLifecycle.rule(state, LifecycleEvent.CREATE_REFUSED)).isEqualTo(expected);
  }

  @ParameterizedTest
  @EnumSource(PaymentState.class)
  void an_unknown_outcome_moves_only_a_created_payment_to_submitted(PaymentState state) {
    Rule expected = state == CREATED ? new Rule.Move(SUBMITTED) : new Rule.Ignore();

    assertThat(PaymentLifecycle.rule(state, LifecycleEvent.CREATE_UNKNOWN)).isEqualTo(expected);
  }

  @ParameterizedTest
  @EnumSource(PaymentState.class)
  void the_provider_being_unavailable_is_ignored_in_every_state(PaymentState state) {
    assertThat(PaymentLifecycle.rule(state, LifecycleEvent.CREATE_UNAVAILABLE))
        .isEqualTo(new Rule.Ignore());
  }

  @ParameterizedTest
  @EnumSource(
      value = PaymentState.class,
      names = {"STARTED", "IN_PROGRESS", "SUCCEEDED", "FAILED", "CANCELLED", "EXPIRED"})
  void the_report_of_a_state_speaks_of_that_state(PaymentState state) {
    assertThat(LifecycleEvent.reported(state).says()).isEqualTo(state);
    assertThat(LifecycleEvent.reported(state).name()).isEqualTo("REPORTED_" + state.name());
  }

  @ParameterizedTest
  @EnumSource(
      value = PaymentState.class,
      names = {"CREATED", "SUBMITTED"})
  void the_provider_never_reports_a_state_of_its_own_making(PaymentState state) {
    assertThatThrownBy(() -> LifecycleEvent.reported(state))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(state.name());
  }

  @Test
  void the_create_answers_speak_of_the_state_they_lead_to_or_of_none() {
    assertThat(LifecycleEvent.CREATE_REFUSED.says()).isEqualTo(FAILED);
    assertThat(LifecycleEvent.CREATE_UNKNOWN.says()).isEqualTo(SUBMITTED);
    assertThat(LifecycleEvent.CREATE_UNAVAILABLE.says()).isNull();
  }

  /**
   * The whole table, written out independently of the implementation: a row per state, a column per
   * event (the provider's report of a state, then the create call's answers). A state in capitals
   * is a move there; a word in lower case is the outcome the event is kept with; {@code -} means
   * ignored, nothing recorded.
   */
  private static final String TABLE =
      """
      state       STARTED   IN_PROGRESS SUCCEEDED FAILED    CANCELLED EXPIRED   REFUSED  UNAVAILABLE UNKNOWN
      CREATED     STARTED   IN_PROGRESS SUCCEEDED FAILED    CANCELLED EXPIRED   FAILED   -           SUBMITTED
      SUBMITTED   STARTED   IN_PROGRESS SUCCEEDED FAILED    CANCELLED EXPIRED   FAILED   -           -
      STARTED     duplicate IN_PROGRESS SUCCEEDED FAILED    CANCELLED EXPIRED   rejected -           -
      IN_PROGRESS stale     duplicate   SUCCEEDED FAILED    CANCELLED EXPIRED   rejected -           -
      SUCCEEDED   stale     stale       duplicate anomaly   anomaly   anomaly   rejected -           -
      FAILED      stale     stale       anomaly   duplicate anomaly   anomaly   rejected -           -
      CANCELLED   stale     stale       anomaly   anomaly   duplicate anomaly   rejected -           -
      EXPIRED     stale     stale       anomaly   anomaly   anomaly   duplicate rejected -           -
      """;

  private static LifecycleEvent eventOfColumn(String header) {
    for (LifecycleEvent event : LifecycleEvent.values()) {
      if (event.name().equals("REPORTED_" + header) || event.name().equals("CREATE_" + header)) {
        return event;
      }
    }
    throw new AssertionError("no event for column " + header);
  }

  /** The expected cells of {@link #TABLE}, by state and event. */
  private static Map<PaymentState, Map<LifecycleEvent, String>> expectedCells() {
    List<String> rows = TABLE.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    String[] headers = rows.get(0).split("\\s+");
    Map<PaymentState, Map<LifecycleEvent, String>> cells = new EnumMap<>(PaymentState.class);
    for (String row : rows.subList(1, rows.size())) {
      String[] words = row.split("\\s+");
      assertThat(words).as("row %s", row).hasSameSizeAs(headers);
      Map<LifecycleEvent, String> line = new EnumMap<>(LifecycleEvent.class);
      for (int c = 1; c < words.length; c++) {
        line.put(eventOfColumn(headers[c]), words[c]);
      }
      cells.put(PaymentState.valueOf(words[0]), line);
    }
    return cells;
  }

  private static String cellOf(Rule rule) {
    if (rule instanceof Rule.Move move) {
      return move.to().name();
    }
    if (rule instanceof Rule.Keep keep) {
      return keep.outcome().name().toLowerCase(Locale.ROOT);
    }
    if (rule instanceof Rule.Ignore) {
      return "-";
    }
    throw new AssertionError("a rule the table does not know: " + rule);
  }

  /** A table of cells, one row per state, as the failure message shows it. */
  private static String render(Map<PaymentState, Map<LifecycleEvent, String>> cells) {
    StringBuilder out = new StringBuilder(String.format("%-12s", "state"));
    for (LifecycleEvent event : LifecycleEvent.values()) {
      out.append(String.format("%-22s", event));
    }
    for (PaymentState state : PaymentState.values()) {
      out.append(String.format("%n%-12s", state));
      for (LifecycleEvent event : LifecycleEvent.values()) {
        out.append(String.format("%-22s", cells.getOrDefault(state, Map.of()).get(event)));
      }
    }
    return out.toString();
  }

  @Test
  void the_written_table_names_every_state_and_every_event_once() {
    Map<PaymentState, Map<LifecycleEvent, String>> cells = expectedCells();

    assertThat(cells).containsOnlyKeys(PaymentState.values());
    for (Map<LifecycleEvent, String> row : cells.values()) {
      assertThat(row).containsOnlyKeys(LifecycleEvent.values());
    }
  }

  @Test
  void the_whole_table_is_the_one_written_out() {
    Map<PaymentState, Map<LifecycleEvent, String>> actual = new EnumMap<>(PaymentState.class);
    for (PaymentState state : PaymentState.values()) {
      Map<LifecycleEvent, String> row = new EnumMap<>(LifecycleEvent.class);
      for (LifecycleEvent event : LifecycleEvent.values()) {
        row.put(event, cellOf(PaymentLifecycle.rule(state, event)));
      }
      actual.put(state, row);
    }

    assertThat(render(actual)).isEqualTo(render(expectedCells()));
  }

  static Stream<Arguments> everyCellOfTheWrittenTable() {
    List<Arguments> cells = new ArrayList<>();
    expectedCells()
        .forEach(
            (state, row) ->
                row.forEach((event, cell) -> cells.add(Arguments.of(state, event, cell))));
    return cells.stream();
  }

  @ParameterizedTest(name = "{1} in {0}: {2}")
  @MethodSource("everyCellOfTheWrittenTable")
  void each_cell_of_the_table_is_the_one_written_out(
      PaymentState state, LifecycleEvent event, String expected) {
    assertThat(cellOf(PaymentLifecycle.rule(state, event))).isEqualTo(expected);
  }
}
