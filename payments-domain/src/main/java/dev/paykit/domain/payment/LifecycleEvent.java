package dev.paykit.domain.payment;

/**
 * What can happen to a payment, as the lifecycle table is keyed: the provider's reports of each
 * state (in a webhook, a look-up, or the answer to the create call when it accepted the payment)
 * and the create call's other answers.
 */
public enum LifecycleEvent {
  REPORTED_STARTED(PaymentState.STARTED),
  REPORTED_IN_PROGRESS(PaymentState.IN_PROGRESS),
  REPORTED_SUCCEEDED(PaymentState.SUCCEEDED),
  /** The provider declined the payment ({@link ProviderStatus#DECLINED}). */
  REPORTED_FAILED(PaymentState.FAILED),
  REPORTED_CANCELLED(PaymentState.CANCELLED),
  REPORTED_EXPIRED(PaymentState.EXPIRED),
  /** The provider refused the create request (a 4xx about the request): nothing was charged. */
  CREATE_REFUSED(PaymentState.FAILED),
  /** The provider certainly did not act (refused before acting, credentials refused, 503). */
  CREATE_UNAVAILABLE(null),
  /** The provider may have acted: a timeout, a lost answer, the key still in use there. */
  CREATE_UNKNOWN(PaymentState.SUBMITTED);

  private final PaymentState says;

  LifecycleEvent(PaymentState says) {
    this.says = says;
  }

  /** The state the event speaks of, or null for an answer that speaks of none. */
  public PaymentState says() {
    return says;
  }

  /** The report of {@code state}. */
  public static LifecycleEvent reported(PaymentState state) {
    return switch (state) {
      case STARTED -> REPORTED_STARTED;
      case IN_PROGRESS -> REPORTED_IN_PROGRESS;
      case SUCCEEDED -> REPORTED_SUCCEEDED;
      case FAILED -> REPORTED_FAILED;
      case CANCELLED -> REPORTED_CANCELLED;
      case EXPIRED -> REPORTED_EXPIRED;
      case CREATED, SUBMITTED ->
          throw new IllegalArgumentException("the provider never reports " + state);
    };
  }
}
