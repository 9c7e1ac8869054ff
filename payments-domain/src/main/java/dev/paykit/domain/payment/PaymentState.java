package dev.paykit.domain.payment;

/**
 * The local states of a payment. The order of the constants is the order of the lifecycle: a report
 * of an earlier state after a later one is stale.
 */
public enum PaymentState {
  /** Recorded, not yet accepted by the provider (or queued while the provider is down). */
  CREATED,
  /** Sent to the provider, but the outcome is unknown: a timeout or a lost response. */
  SUBMITTED,
  /** The provider accepted it; the customer has not acted yet. */
  STARTED,
  /** The customer is paying. */
  IN_PROGRESS,
  SUCCEEDED,
  /** Declined or refused, with a reason and a decline code. */
  FAILED,
  CANCELLED,
  EXPIRED;

  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED || this == EXPIRED;
  }

  /** Whether the payment still waits for the provider's final word. */
  public boolean isActive() {
    return !isTerminal();
  }
}
