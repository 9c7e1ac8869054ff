package dev.paykit.domain.payment;

/**
 * Where the provider says a payment is, in Paykit's words: every provider adapter maps its own
 * API's statuses to these, and {@link PaymentLifecycle#localStateOf} maps these to local states.
 */
public enum ProviderStatus {
  /** Pending the customer: the provider accepted the request and waits for the customer to pay. */
  STARTED,
  /** Processing: the customer acted and the provider or the issuer is deciding. */
  IN_PROGRESS,
  /** Accepted: the money moves to the merchant. */
  CONFIRMED,
  /**
   * Declined by the issuer or the provider's fraud check. Always comes with a {@link Failure} whose
   * reason is {@link FailureReason#DECLINED} (with the decline code when the issuer gave one) or
   * {@link FailureReason#FRAUD_SUSPECTED}.
   */
  DECLINED,
  /**
   * Ended without money moving and without a decline: the customer cancelled, or the payment was
   * withdrawn. A {@link Failure} may say why ({@link FailureReason#CUSTOMER_CANCELLED}).
   */
  CANCELLED,
  /** The customer did not pay before the payment's deadline. */
  EXPIRED
}
