package dev.paykit.app.tour;

import java.util.Objects;

/**
 * One comparison a flow made against the sandbox's ledger, the store or the metrics: what was
 * checked, whether it held, and what was actually seen.
 */
public record Check(String name, boolean passed, String observed) {
  public Check {
    Objects.requireNonNull(name, "name");
    observed = observed == null ? "" : observed;
  }
}
