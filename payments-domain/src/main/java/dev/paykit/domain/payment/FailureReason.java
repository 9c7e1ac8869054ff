package dev.paykit.domain.payment;

/** Why a payment ended without money moving. */
public enum FailureReason {
  /** The issuer refused; the decline code says why when the issuer gave one. */
  DECLINED,
  /** The provider's fraud check refused. */
  FRAUD_SUSPECTED,
  CUSTOMER_CANCELLED,
  /** The provider refused the create request itself (a 4xx); nothing was ever charged. */
  REJECTED;

  /** Whether this is a refusal of the payment by the issuer or the provider: a decline. */
  public boolean isDecline() {
    return this == DECLINED || this == FRAUD_SUSPECTED;
  }
}
