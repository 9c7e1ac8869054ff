package dev.paykit.sandbox;

import java.util.Locale;
import java.util.Optional;

/**
 * What {@code POST /sandbox/payments/{tx}/simulate} (and the checkout buttons) can make of a
 * payment. {@link #FRAUD_SUSPECTED} and {@link #INPROGRESS} are sandbox extensions of the
 * contract's four outcomes.
 */
public enum SimulatedOutcome {
  /** Only {@code started → inprogress}: the customer is paying; the payment stays open. */
  INPROGRESS,
  /** {@code confirmed}. */
  CONFIRMED,
  /** {@code cancelled} with failure reason {@code declined} and a decline code. */
  DECLINED,
  /** {@code cancelled} with failure reason {@code customer_cancelled}. */
  CANCELLED,
  /** {@code expired}. */
  EXPIRED,
  /** {@code cancelled} with failure reason {@code fraud_suspected}. */
  FRAUD_SUSPECTED;

  /** The value on the wire, e.g. {@code declined}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<SimulatedOutcome> fromWire(String value) {
    for (SimulatedOutcome outcome : values()) {
      if (outcome.wireName().equals(value)) {
        return Optional.of(outcome);
      }
    }
    return Optional.empty();
  }
}
