package dev.paykit.app.tour;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** How one flow of the tour went: its checks, and whether it ran at all. */
public record FlowResult(
    String flow, Status status, List<Check> checks, Duration took, String note) {

  public enum Status {
    PASSED,
    FAILED,
    /** Not run: it needs the sandbox's own endpoints and another provider was chosen. */
    SKIPPED
  }

  public FlowResult {
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(status, "status");
    checks = List.copyOf(checks);
    Objects.requireNonNull(took, "took");
    note = note == null ? "" : note;
  }

  /**
   * Passed when every check held and there was at least one: a flow that checked nothing has shown
   * nothing.
   */
  public static FlowResult of(String flow, List<Check> checks, Duration took) {
    boolean passed = !checks.isEmpty() && checks.stream().allMatch(Check::passed);
    return new FlowResult(flow, passed ? Status.PASSED : Status.FAILED, checks, took, "");
  }

  public static FlowResult skipped(String flow, String why) {
    return new FlowResult(flow, Status.SKIPPED, List.of(), Duration.ZERO, why);
  }

  public long passedChecks() {
    return checks.stream().filter(Check::passed).count();
  }
}
