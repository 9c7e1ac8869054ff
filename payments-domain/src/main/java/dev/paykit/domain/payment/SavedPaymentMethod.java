package dev.paykit.domain.payment;

import dev.paykit.domain.Require;
import java.time.YearMonth;
import java.util.Objects;

/**
 * A method the provider saved at a checkout, as it describes it: the id to charge later, and what
 * may be shown to the customer (brand, last four digits, expiry month). No card data.
 */
public record SavedPaymentMethod(
    PaymentMethodId id, String brand, String last4, YearMonth expiresAt) {
  public SavedPaymentMethod {
    Objects.requireNonNull(id, "id");
    Require.printableAscii("paymentMethod.brand", brand, 1, 32);
    Require.printableAscii("paymentMethod.last4", last4, 4, 4);
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
