package dev.paykit.domain.payment;

import dev.paykit.domain.ValidationException;

/** Why a payment ended without money moving. */
public enum FailureReason {
  DECLINED("declined"),
  FRAUD_SUSPECTED("fraud_suspected"),
  CUSTOMER_CANCELLED("customer_cancelled"),
  /** The provider refused the create request itself (a 4xx); nothing was ever charged. */
  REJECTED("rejected");

  private final String wire;

  FailureReason(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static FailureReason fromWire(String wire) {
    for (FailureReason reason : values()) {
      if (reason.wire.equals(wire)) {
        return reason;
      }
    }
    throw new ValidationException(
        "failure.reason", "unknown_value", "unknown failure reason '" + wire + "'");
  }
}
