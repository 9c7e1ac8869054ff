package dev.paykit.domain.payment;

import dev.paykit.domain.ValidationException;

/** A payment's status in the provider's words (the reference API's {@code status}). */
public enum ProviderStatus {
  STARTED("started"),
  IN_PROGRESS("inprogress"),
  CONFIRMED("confirmed"),
  CANCELLED("cancelled"),
  EXPIRED("expired");

  private final String wire;

  ProviderStatus(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static ProviderStatus fromWire(String wire) {
    for (ProviderStatus status : values()) {
      if (status.wire.equals(wire)) {
        return status;
      }
    }
    throw new ValidationException(
        "status", "unknown_value", "unknown provider status '" + wire + "'");
  }
}
