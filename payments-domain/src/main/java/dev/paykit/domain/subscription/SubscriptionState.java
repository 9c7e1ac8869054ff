package dev.paykit.domain.subscription;

/** Where a subscription is; see {@link SubscriptionLifecycle} for the moves. */
public enum SubscriptionState {
  /** Signed up; the first checkout is not done. Nothing is charged off-session. */
  PENDING,
  /** The free trial runs; the first charge is at its end. */
  TRIALING,
  /** Paid up to the end of the current period. */
  ACTIVE,
  /** A renewal failed; dunning runs (or the customer has to come back on-session). */
  PAST_DUE,
  /** Dunning gave up; kept so that the customer can still pay the open amount and come back. */
  UNPAID,
  /** Cancelled: never charged again; ends when the period paid for runs out. */
  CANCELLED,
  /** Over. Terminal. */
  ENDED;

  public boolean isTerminal() {
    return this == ENDED;
  }

  /** Whether a renewal may be charged in this state. */
  public boolean renews() {
    return this == TRIALING || this == ACTIVE || this == PAST_DUE;
  }
}
