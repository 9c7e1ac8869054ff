package dev.paykit.domain.payment;

import dev.paykit.domain.Require;

/**
 * The provider's id of a saved payment method ({@code pm_...}): all Paykit ever keeps of a card, a
 * reference the provider alone can charge.
 */
public record PaymentMethodId(String value) {
  public PaymentMethodId {
    Require.printableAscii("paymentMethodId", value, 1, 64);
  }

  @Override
  public String toString() {
    return value;
  }
}
