package dev.paykit.domain.payment;

import java.util.Objects;

/**
 * How a payment is charged (provider API v1.1): through the hosted checkout, optionally saving the
 * customer's method for later, or off-session on a method saved before, without the customer.
 */
public sealed interface Charging {

  /** The plain checkout of v1. */
  Charging CHECKOUT = new Checkout();

  /** The hosted checkout; the customer pays there. */
  record Checkout() implements Charging {}

  /** The hosted checkout, which also saves the customer's method for future charges. */
  record CheckoutSavingMethod(CustomerId customer) implements Charging {
    public CheckoutSavingMethod {
      Objects.requireNonNull(customer, "customer");
    }
  }

  /** A merchant-initiated charge of a saved method: no checkout, the answer is final at once. */
  record OffSession(CustomerId customer, PaymentMethodId method) implements Charging {
    public OffSession {
      Objects.requireNonNull(customer, "customer");
      Objects.requireNonNull(method, "method");
    }
  }
}
