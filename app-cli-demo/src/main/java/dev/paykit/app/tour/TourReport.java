package dev.paykit.app.tour;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** What a tour found: each flow's result, the tour-wide checks, and how long it all took. */
public record TourReport(List<FlowResult> flows, FlowResult tourWide, Duration wallTime) {
  public TourReport {
    flows = List.copyOf(flows);
    Objects.requireNonNull(tourWide, "tourWide");
    Objects.requireNonNull(wallTime, "wallTime");
  }

  public long count(FlowResult.Status status) {
    return flows.stream().filter(r -> r.status() == status).count();
  }

  public boolean allPassed() {
    return count(FlowResult.Status.FAILED) == 0 && tourWide.status() == FlowResult.Status.PASSED;
  }

  /** 0 when every check held (skipped flows do not count against it), 1 otherwise. */
  public int exitCode() {
    return allPassed() ? 0 : 1;
  }
}
