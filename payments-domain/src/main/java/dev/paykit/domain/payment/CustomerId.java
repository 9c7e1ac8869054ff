package dev.paykit.domain.payment;

import dev.paykit.domain.Require;

/** The merchant's own reference of a customer, under which the provider keeps saved methods. */
public record CustomerId(String value) {
  public CustomerId {
    Require.printableAscii("customerId", value, 1, 64);
  }

  @Override
  public String toString() {
    return value;
  }
}
