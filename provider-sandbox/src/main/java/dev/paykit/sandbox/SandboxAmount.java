package dev.paykit.sandbox;

import java.util.Objects;

/** Money on the wire: integer minor units and an ISO 4217 alpha-3 code. */
public record SandboxAmount(long value, String currency) {
  public SandboxAmount {
    Objects.requireNonNull(currency, "currency");
  }
}
