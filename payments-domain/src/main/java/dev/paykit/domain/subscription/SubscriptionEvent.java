package dev.paykit.domain.subscription;

/** What can happen to a subscription: the columns of {@link SubscriptionLifecycle}'s table. */
public enum SubscriptionEvent {
  /** Created, with its sign-up checkout. The first entry of every history. */
  SIGNED_UP,
  /** The sign-up checkout succeeded and saved the method. */
  SIGN_UP_PAID,
  /** The sign-up checkout of a plan with a trial succeeded and saved the method. */
  TRIAL_STARTED,
  /** The sign-up checkout failed, was cancelled or expired. */
  SIGN_UP_FAILED,
  /** The renewal notice for the next cycle went to the outbox. */
  NOTICE_SENT,
  /** An off-session charge for the open cycle was sent, with its derived key. */
  RENEWAL_STARTED,
  /** The open cycle was paid (off-session or by the customer on-session). */
  RENEWAL_PAID,
  /** The off-session charge was declined; dunning retries it. */
  RENEWAL_DECLINED,
  /**
   * The charge needs the customer (authentication, or the method is gone): no off-session retry.
   */
  CUSTOMER_ACTION_REQUIRED,
  /** Dunning's last step passed unpaid, configured to keep the subscription unpaid. */
  DUNNING_EXHAUSTED_UNPAID,
  /** Dunning's last step passed unpaid, configured to cancel. */
  DUNNING_EXHAUSTED_CANCELLED,
  /** A new method was saved by an on-session checkout. */
  METHOD_UPDATED,
  /** Asked to cancel when the paid period ends. */
  CANCEL_AT_PERIOD_END,
  /** Asked to cancel now: nothing more is charged. */
  CANCEL_NOW,
  /** The period paid for ran out on a subscription that is not renewed. */
  PERIOD_ENDED
}
