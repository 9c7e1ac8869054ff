package dev.paykit.testkit.flows;

import java.util.Objects;

/**
 * The process "dies" here: thrown through the service so that its work stops at this exact point,
 * as it would if the process were killed, and whatever it left in the store and at the provider
 * stays as it is. Not a {@code PaykitException} on purpose: nothing may mistake a dying process for
 * an error it could answer.
 */
public final class SimulatedCrash extends RuntimeException {
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
