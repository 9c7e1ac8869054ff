package dev.paykit.domain.dispute;

import dev.paykit.domain.ValidationException;

/** Why the cardholder disputed the payment, as the provider reports it. */
public enum DisputeReason {
  FRAUDULENT("fraudulent"),
  PRODUCT_NOT_RECEIVED("product_not_received"),
  DUPLICATE("duplicate"),
  SUBSCRIPTION_CANCELED("subscription_canceled"),
  OTHER("other");

  private final String wireName;

  DisputeReason(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** The reason of the provider's word for it. */
  public static DisputeReason fromWire(String wire) {
    for (DisputeReason reason : values()) {
      if (reason.wireName.equals(wire)) {
        return reason;
      }
    }
    throw new ValidationException(
        "reason", "unknown_value", "unknown dispute reason '" + wire + "'");
  }
}
