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
 * The payment lifecycle: the one table of allowed transitions, and the one mapping from the
 * provider's status to a local state.
 *
 * <pre>
 *   CREATED ──▶ SUBMITTED ──▶ STARTED ──▶ IN_PROGRESS ──▶ SUCCEEDED | FAILED | CANCELLED | EXPIRED
 *      └─────────────┴───────────┴─────── (any later state, when the provider says so)
 * </pre>
 */
public final class PaymentLifecycle {
  private PaymentLifecycle() {}

  private static final Set<PaymentState> ENDINGS =
      EnumSet.of(SUCCEEDED, FAILED, CANCELLED, EXPIRED);

  private static final Map<PaymentState, Set<PaymentState>> ALLOWED =
      new EnumMap<>(PaymentState.class);

  static {
    allow(CREATED, SUBMITTED, STARTED, IN_PROGRESS, SUCCEEDED, FAILED, CANCELLED, EXPIRED);
    allow(SUBMITTED, STARTED, IN_PROGRESS, SUCCEEDED, FAILED, CANCELLED, EXPIRED);
    allow(STARTED, IN_PROGRESS, SUCCEEDED, FAILED, CANCELLED, EXPIRED);
    allow(IN_PROGRESS, SUCCEEDED, FAILED, CANCELLED, EXPIRED);
    for (PaymentState ending : ENDINGS) {
      allow(ending);
    }
  }

  private static void allow(PaymentState from, PaymentState... to) {
    Set<PaymentState> targets = EnumSet.noneOf(PaymentState.class);
    targets.addAll(List.of(to));
    ALLOWED.put(from, Collections.unmodifiableSet(targets));
  }

  public static boolean isAllowed(PaymentState from, PaymentState to) {
    return ALLOWED.get(from).contains(to);
  }

  public static Set<PaymentState> allowedFrom(PaymentState from) {
    return ALLOWED.get(from);
  }

  /**
   * The local state for the provider's word: {@code cancelled} is {@code FAILED} when the reason is
   * {@code declined} or {@code fraud_suspected}, and {@code CANCELLED} otherwise.
   */
  public static PaymentState localStateOf(ProviderStatus status, Failure failure) {
    return switch (status) {
      case STARTED -> STARTED;
      case IN_PROGRESS -> IN_PROGRESS;
      case CONFIRMED -> SUCCEEDED;
      case EXPIRED -> EXPIRED;
      case CANCELLED ->
          failure != null
                  && (failure.reason() == FailureReason.DECLINED
                      || failure.reason() == FailureReason.FRAUD_SUSPECTED)
              ? FAILED
              : CANCELLED;
    };
  }

  /** What becomes of a provider report of {@code reported} for a payment in {@code current}. */
  public static Outcome classify(PaymentState current, PaymentState reported) {
    if (current == reported) {
      return Outcome.DUPLICATE;
    }
    if (current.isTerminal()) {
      return reported.isTerminal() ? Outcome.ANOMALY : Outcome.STALE;
    }
    if (isAllowed(current, reported)) {
      return Outcome.APPLIED;
    }
    return reported.ordinal() < current.ordinal() ? Outcome.STALE : Outcome.REJECTED;
  }
}
