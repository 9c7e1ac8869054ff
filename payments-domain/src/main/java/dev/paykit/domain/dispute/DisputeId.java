package dev.paykit.domain.dispute;

import dev.paykit.domain.Require;

/**
 * The provider's id of a dispute ({@code dp_...}). Paykit hears of a dispute first from the
 * provider, so the provider's id is the dispute's only id.
 */
public record DisputeId(String value) {
  public DisputeId {
    Require.printableAscii("disputeId", value, 1, 255);
  }

  @Override
  public String toString() {
    return value;
  }
}
