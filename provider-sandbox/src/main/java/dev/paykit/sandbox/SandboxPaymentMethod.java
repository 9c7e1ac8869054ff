package dev.paykit.sandbox;

import java.time.YearMonth;

/**
 * A payment method the sandbox keeps for a customer (v1.1). Only what the API shows: an id, the
 * brand, the last four digits and the expiry month; the sandbox has no card number to leak.
 */
public record SandboxPaymentMethod(
    String id,
    String customerId,
    String brand,
    String last4,
    YearMonth expiresAt,
    boolean removed) {

  SandboxPaymentMethod asRemoved() {
    return new SandboxPaymentMethod(id, customerId, brand, last4, expiresAt, true);
  }
}
