package dev.paykit.domain.dispute;

/** Why the cardholder disputed the payment, as the provider reports it. */
public enum DisputeReason {
  FRAUDULENT,
  PRODUCT_NOT_RECEIVED,
  DUPLICATE,
  SUBSCRIPTION_CANCELED,
  OTHER
}
