package dev.paykit.domain.dispute;

import static dev.paykit.domain.dispute.DisputeState.LOST;
import static dev.paykit.domain.dispute.DisputeState.NEEDS_RESPONSE;
import static dev.paykit.domain.dispute.DisputeState.UNDER_REVIEW;
import static dev.paykit.domain.dispute.DisputeState.WON;

import dev.paykit.domain.payment.Outcome;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The dispute lifecycle: the one table of what each event does to a dispute in each state.
 *
 * <pre>
 *   NEEDS_RESPONSE ──▶ UNDER_REVIEW ──▶ WON | LOST
 *         └────────────────────────────▶ WON | LOST   (the bank may decide without evidence)
 * </pre>
 *
 * <p>Keyed by (state, {@link DisputeEvent}), with a rule for every pair. A report moves the dispute
 * forward; repeats the current state ({@code DUPLICATE}); is behind it ({@code STALE}); or
 * contradicts a terminal state ({@code ANOMALY}: won after lost, lost after won). Accepted evidence
 * moves a dispute that needs a response under review and is noted in any other state (the
 * provider's webhook may have come first). The deadline reminder is noted only while a response is
 * needed.
 */
public final class DisputeLifecycle {
  private DisputeLifecycle() {}

  /** What an event does to a dispute in a state. */
  public sealed interface Rule {
    /** The dispute moves to {@code to}; the history records it {@code APPLIED}. */
    record Move(DisputeState to) implements Rule {}

    /** The dispute stays; the history records the event with {@code outcome}. */
    record Keep(Outcome outcome) implements Rule {}

    /** The dispute stays and the event is a fact about it, recorded {@code APPLIED}. */
    record Note() implements Rule {}

    /** Nothing happens and nothing is recorded. */
    record Ignore() implements Rule {}
  }

  private static final Map<DisputeState, Set<DisputeState>> ALLOWED =
      new EnumMap<>(DisputeState.class);

  private static final Map<DisputeState, Map<DisputeEvent, Rule>> TABLE =
      new EnumMap<>(DisputeState.class);

  static {
    ALLOWED.put(NEEDS_RESPONSE, Collections.unmodifiableSet(EnumSet.of(UNDER_REVIEW, WON, LOST)));
    ALLOWED.put(UNDER_REVIEW, Collections.unmodifiableSet(EnumSet.of(WON, LOST)));
    ALLOWED.put(WON, Collections.unmodifiableSet(EnumSet.noneOf(DisputeState.class)));
    ALLOWED.put(LOST, Collections.unmodifiableSet(EnumSet.noneOf(DisputeState.class)));
    for (DisputeState state : DisputeState.values()) {
      Map<DisputeEvent, Rule> row = new EnumMap<>(DisputeEvent.class);
      for (DisputeEvent event : DisputeEvent.values()) {
        row.put(event, derive(state, event));
      }
      TABLE.put(state, Collections.unmodifiableMap(row));
    }
  }

  private static Rule derive(DisputeState state, DisputeEvent event) {
    return switch (event) {
      case REPORTED_NEEDS_RESPONSE, REPORTED_UNDER_REVIEW, REPORTED_WON, REPORTED_LOST ->
          report(state, event.says());
      case EVIDENCE_ACCEPTED ->
          state == NEEDS_RESPONSE ? new Rule.Move(UNDER_REVIEW) : new Rule.Note();
      case DEADLINE_REMINDED -> state == NEEDS_RESPONSE ? new Rule.Note() : new Rule.Ignore();
    };
  }

  private static Rule report(DisputeState current, DisputeState reported) {
    if (current == reported) {
      return new Rule.Keep(Outcome.DUPLICATE);
    }
    if (current.isTerminal()) {
      return new Rule.Keep(reported.isTerminal() ? Outcome.ANOMALY : Outcome.STALE);
    }
    if (isAllowed(current, reported)) {
      return new Rule.Move(reported);
    }
    return new Rule.Keep(Outcome.STALE);
  }

  /** The rule for {@code event} happening to a dispute in {@code state}. */
  public static Rule rule(DisputeState state, DisputeEvent event) {
    return TABLE.get(state).get(event);
  }

  public static boolean isAllowed(DisputeState from, DisputeState to) {
    return ALLOWED.get(from).contains(to);
  }
}
