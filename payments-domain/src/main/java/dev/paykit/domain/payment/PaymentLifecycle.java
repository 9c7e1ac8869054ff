package dev.paykit.domain.payment;

import static dev.paykit.domain.payment.PaymentState.CANCELLED;
import static dev.paykit.domain.payment.PaymentState.CREATED;
import static dev.paykit.domain.payment.PaymentState.EXPIRED;
import static dev.paykit.domain.payment.PaymentState.FAILED;
import static dev.paykit.domain.payment.PaymentState.IN_PROGRESS;
import static dev.paykit.domain.payment.PaymentState.STARTED;
import static dev.paykit.domain.payment.PaymentState.SUBMITTED;
import static dev.paykit.domain.payment.PaymentState.SUCCEEDED;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The payment lifecycle: the one table of what each event does to a payment in each state, and the
 * one mapping from the provider's status ({@link ProviderStatus}, in Paykit's words) to a local
 * state: pending the customer is {@code STARTED}, processing {@code IN_PROGRESS}, accepted {@code
 * SUCCEEDED}, declined {@code FAILED}, cancelled {@code CANCELLED}, expired {@code EXPIRED}.
 *
 * <pre>
 *   CREATED ──▶ SUBMITTED ──▶ STARTED ──▶ IN_PROGRESS ──▶ SUCCEEDED | FAILED | CANCELLED | EXPIRED
 *      └─────────────┴───────────┴─────── (any later state, when the provider says so)
 * </pre>
 *
 * <p>The table is keyed by (state, {@link LifecycleEvent}) and has a rule for every pair. A report
 * of a state moves the payment there when the move is allowed; repeats the current state ({@code
 * DUPLICATE}); is behind it ({@code STALE}); contradicts a terminal state ({@code ANOMALY}); or is
 * not a move the lifecycle knows ({@code REJECTED}). The create call's answers: a refusal fails a
 * payment the provider has not accepted yet and is {@code REJECTED} (changes nothing) once it has;
 * an unknown outcome marks a {@code CREATED} payment {@code SUBMITTED} and is ignored later; the
 * provider being unavailable is ignored everywhere (the payment waits, as it is, to be sent again).
 */
public final class PaymentLifecycle {
  private PaymentLifecycle() {}

  /** What an event does to a payment in a state. */
  public sealed interface Rule {
    /** The payment moves to {@code to}; the history records it {@code APPLIED}. */
    record Move(PaymentState to) implements Rule {}

    /** The payment stays; the history records the event with {@code outcome}. */
    record Keep(Outcome outcome) implements Rule {}

    /** Nothing happens and nothing is recorded. */
    record Ignore() implements Rule {}
  }

  private static final Set<PaymentState> ENDINGS =
      EnumSet.of(SUCCEEDED, FAILED, CANCELLED, EXPIRED);

  private static final Map<PaymentState, Set<PaymentState>> ALLOWED =
      new EnumMap<>(PaymentState.class);

  private static final Map<PaymentState, Map<LifecycleEvent, Rule>> TABLE =
      new EnumMap<>(PaymentState.class);

  static {
    allow(CREATED, SUBMITTED, STARTED, IN_PROGRESS, SUCCEEDED, FAILED, CANCELLED, EXPIRED);
    allow(SUBMITTED, STARTED, IN_PROGRESS, SUCCEEDED, FAILED, CANCELLED, EXPIRED);
    allow(STARTED, IN_PROGRESS, SUCCEEDED, FAILED, CANCELLED, EXPIRED);
    allow(IN_PROGRESS, SUCCEEDED, FAILED, CANCELLED, EXPIRED);
    for (PaymentState ending : ENDINGS) {
      allow(ending);
    }
    for (PaymentState state : PaymentState.values()) {
      Map<LifecycleEvent, Rule> row = new EnumMap<>(LifecycleEvent.class);
      for (LifecycleEvent event : LifecycleEvent.values()) {
        row.put(event, derive(state, event));
      }
      TABLE.put(state, Collections.unmodifiableMap(row));
    }
  }

  private static void allow(PaymentState from, PaymentState... to) {
    Set<PaymentState> targets = EnumSet.noneOf(PaymentState.class);
    targets.addAll(List.of(to));
    ALLOWED.put(from, Collections.unmodifiableSet(targets));
  }

  private static Rule derive(PaymentState state, LifecycleEvent event) {
    boolean notYetAccepted = state == CREATED || state == SUBMITTED;
    return switch (event) {
      case CREATE_REFUSED ->
          // Once the provider accepted the payment, a refused retry of the create says nothing
          // about it: only the provider's report on that payment can end it.
          notYetAccepted ? new Rule.Move(FAILED) : new Rule.Keep(Outcome.REJECTED);
      case CREATE_UNKNOWN -> state == CREATED ? new Rule.Move(SUBMITTED) : new Rule.Ignore();
      case CREATE_UNAVAILABLE -> new Rule.Ignore();
      case REPORTED_STARTED,
          REPORTED_IN_PROGRESS,
          REPORTED_SUCCEEDED,
          REPORTED_FAILED,
          REPORTED_CANCELLED,
          REPORTED_EXPIRED ->
          report(state, event.says());
    };
  }

  private static Rule report(PaymentState current, PaymentState reported) {
    if (current == reported) {
      return new Rule.Keep(Outcome.DUPLICATE);
    }
    if (current.isTerminal()) {
      return new Rule.Keep(reported.isTerminal() ? Outcome.ANOMALY : Outcome.STALE);
    }
    if (isAllowed(current, reported)) {
      return new Rule.Move(reported);
    }
    return new Rule.Keep(reported.ordinal() < current.ordinal() ? Outcome.STALE : Outcome.REJECTED);
  }

  /** The rule for {@code event} happening to a payment in {@code state}. */
  public static Rule rule(PaymentState state, LifecycleEvent event) {
    return TABLE.get(state).get(event);
  }

  public static boolean isAllowed(PaymentState from, PaymentState to) {
    return ALLOWED.get(from).contains(to);
  }

  public static Set<PaymentState> allowedFrom(PaymentState from) {
    return ALLOWED.get(from);
  }

  /**
   * The local state for the provider's word: {@code DECLINED} is {@code FAILED} (its failure says
   * why), and so is a {@code CANCELLED} whose failure is a decline ({@link
   * FailureReason#isDecline}): that is how a decline was reported before {@code DECLINED} existed,
   * and an adapter written then, or an event stored then, still means a decline; any other {@code
   * CANCELLED} is {@code CANCELLED}.
   */
  public static PaymentState localStateOf(ProviderStatus status, Failure failure) {
    return switch (status) {
      case STARTED -> STARTED;
      case IN_PROGRESS -> IN_PROGRESS;
      case CONFIRMED -> SUCCEEDED;
      case DECLINED -> FAILED;
      case EXPIRED -> EXPIRED;
      case CANCELLED -> failure != null && failure.reason().isDecline() ? FAILED : CANCELLED;
    };
  }
}
