package dev.paykit.bench.soak;

import dev.paykit.bench.soak.CheckoutPlan.CrashPoint;

/**
 * The process "dies" here: thrown through the service so that its work stops at this exact point,
 * as it would if the process were killed, and whatever it left in the database and at the provider
 * stays as it is.
 */
final class SimulatedCrash extends RuntimeException {
  private static final long serialVersionUID = 1L;

  SimulatedCrash(CrashPoint point) {
    super("simulated crash " + point, null, false, false);
  }
}
