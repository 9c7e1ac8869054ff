package dev.paykit.domain.subscription;

import static dev.paykit.domain.subscription.SubscriptionState.ACTIVE;
import static dev.paykit.domain.subscription.SubscriptionState.CANCELLED;
import static dev.paykit.domain.subscription.SubscriptionState.ENDED;
import static dev.paykit.domain.subscription.SubscriptionState.PAST_DUE;
import static dev.paykit.domain.subscription.SubscriptionState.PENDING;
import static dev.paykit.domain.subscription.SubscriptionState.TRIALING;
import static dev.paykit.domain.subscription.SubscriptionState.UNPAID;

import dev.paykit.domain.payment.Outcome;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The subscription lifecycle: the one table of what each event does in each state.
 *
 * <pre>
 *   PENDING ──▶ ACTIVE | TRIALING ──▶ PAST_DUE ──▶ ACTIVE (recovered)
 *      │              │                  ├──────▶ UNPAID ──▶ ACTIVE (paid on-session)
 *      │              │                  └──────▶ CANCELLED
 *      │              ├─ cancel now ───▶ CANCELLED ──▶ ENDED (period paid for ran out)
 *      │              └─ cancel at period end ─────────▶ ENDED
 *      └─ checkout failed, cancelled ──────────────────▶ ENDED
 * </pre>
 *
 * <p>Keyed by (state, {@link SubscriptionEvent}), with a rule for every pair: a {@code Move}, a
 * {@code Note} (a fact recorded, the state kept: a notice sent, a charge started, a method saved),
 * a repeat ({@code DUPLICATE}: cancelling what is cancelled), or {@code REJECTED} (not possible
 * here: kept in the history, nothing changes). Whether an event is due (a notice N days before the
 * charge, a dunning step's date) is the aggregate's business; what it does is this table's.
 */
public final class SubscriptionLifecycle {
  private SubscriptionLifecycle() {}

  /** What an event does to a subscription in a state. */
  public sealed interface Rule {
    /** The subscription moves to {@code to} (possibly the same state); recorded APPLIED. */
    record Move(SubscriptionState to) implements Rule {}

    /** The state stays and the event is a fact about the subscription, recorded APPLIED. */
    record Note() implements Rule {}

    /** The state stays; the history records the event with {@code outcome}. */
    record Keep(Outcome outcome) implements Rule {}
  }

  private static final Rule NOTE = new Rule.Note();
  private static final Rule REJECT = new Rule.Keep(Outcome.REJECTED);
  private static final Rule REPEAT = new Rule.Keep(Outcome.DUPLICATE);

  private static final Map<SubscriptionState, Map<SubscriptionEvent, Rule>> TABLE =
      new EnumMap<>(SubscriptionState.class);

  static {
    for (SubscriptionState state : SubscriptionState.values()) {
      Map<SubscriptionEvent, Rule> row = new EnumMap<>(SubscriptionEvent.class);
      for (SubscriptionEvent event : SubscriptionEvent.values()) {
        row.put(event, derive(state, event));
      }
      TABLE.put(state, Collections.unmodifiableMap(row));
    }
  }

  private static Rule move(SubscriptionState to) {
    return new Rule.Move(to);
  }

  private static Rule derive(SubscriptionState state, SubscriptionEvent event) {
    return switch (state) {
      case PENDING ->
          switch (event) {
            case SIGN_UP_PAID -> move(ACTIVE);
            case TRIAL_STARTED -> move(TRIALING);
            case SIGN_UP_FAILED, CANCEL_NOW, CANCEL_AT_PERIOD_END -> move(ENDED);
            default -> REJECT;
          };
      case TRIALING, ACTIVE ->
          switch (event) {
            case NOTICE_SENT, RENEWAL_STARTED, METHOD_UPDATED, CANCEL_AT_PERIOD_END -> NOTE;
            case RENEWAL_PAID -> move(ACTIVE);
            case RENEWAL_DECLINED, CUSTOMER_ACTION_REQUIRED -> move(PAST_DUE);
            case CANCEL_NOW -> move(CANCELLED);
            case PERIOD_ENDED -> move(ENDED);
            default -> REJECT;
          };
      case PAST_DUE ->
          switch (event) {
            case RENEWAL_STARTED, RENEWAL_DECLINED, CUSTOMER_ACTION_REQUIRED, METHOD_UPDATED ->
                NOTE;
            case RENEWAL_PAID -> move(ACTIVE);
            case DUNNING_EXHAUSTED_UNPAID -> move(UNPAID);
            // The period is already over: there is nothing left to wait for.
            case DUNNING_EXHAUSTED_CANCELLED, CANCEL_NOW, CANCEL_AT_PERIOD_END -> move(CANCELLED);
            default -> REJECT;
          };
      case UNPAID ->
          switch (event) {
            case METHOD_UPDATED -> NOTE;
            case RENEWAL_PAID -> move(ACTIVE);
            case CANCEL_NOW, CANCEL_AT_PERIOD_END -> move(CANCELLED);
            default -> REJECT;
          };
      case CANCELLED ->
          switch (event) {
            // The answer to a charge sent before the cancellation still counts.
            case RENEWAL_PAID, RENEWAL_DECLINED, CUSTOMER_ACTION_REQUIRED -> NOTE;
            case CANCEL_NOW, CANCEL_AT_PERIOD_END -> REPEAT;
            case PERIOD_ENDED -> move(ENDED);
            default -> REJECT;
          };
      case ENDED ->
          switch (event) {
            case CANCEL_NOW, CANCEL_AT_PERIOD_END -> REPEAT;
            default -> REJECT;
          };
    };
  }

  /** The rule for {@code event} happening to a subscription in {@code state}. */
  public static Rule rule(SubscriptionState state, SubscriptionEvent event) {
    return TABLE.get(state).get(event);
  }
}
