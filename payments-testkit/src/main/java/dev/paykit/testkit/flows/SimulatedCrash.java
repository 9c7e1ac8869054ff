package dev.paykit.testkit.flows;

import java.util.Objects;

/**
 * The process "dies" here: thrown through the service so that its work stops at this exact point,
 * as it would if the process were killed, and whatever it left in the store and at the provider
 * stays as it is, except that the phase it interrupts is undone, as a killed process's open
 * transaction is rolled back. An {@link Error}, not an exception, on purpose: the services answer
 * what a gateway or a store throws (a gateway that throws is an unknown outcome, a failing inbox
 * event is retried), and nothing may mistake a dying process for a failure it could answer.
 */
public final class SimulatedCrash extends Error {
  private static final long serialVersionUID = 1L;

  private final CrashPoint point;

  public SimulatedCrash(CrashPoint point) {
    super("simulated crash " + Objects.requireNonNull(point, "point"), null, false, false);
    this.point = point;
  }

  public CrashPoint point() {
    return point;
  }
}
