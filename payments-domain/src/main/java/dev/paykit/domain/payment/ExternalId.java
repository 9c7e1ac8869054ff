package dev.paykit.domain.payment;

import dev.paykit.domain.Require;

/** The merchant's own id for what is being paid, usually the order: 1–64 characters. */
public record ExternalId(String value) {
  public ExternalId {
    Require.text("externalId", value, 1, 64);
  }

  @Override
  public String toString() {
    return value;
  }
}
