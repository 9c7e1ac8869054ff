package dev.paykit.domain.payment;

import dev.paykit.domain.Require;

/** The provider's id of a payment ({@code tx_...}), known once the provider accepted it. */
public record TransactionId(String value) {
  public TransactionId {
    Require.printableAscii("transactionId", value, 1, 255);
  }

  @Override
  public String toString() {
    return value;
  }
}
