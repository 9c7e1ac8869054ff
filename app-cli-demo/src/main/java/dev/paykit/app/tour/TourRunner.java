package dev.paykit.app.tour;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Runs flows one after another, narrating each and printing its checks, then the tour-wide checks.
 * A flow that fails does not stop the tour: its faults are cleared and the next one starts clean.
 */
public final class TourRunner {
  private final List<Flow> flows;
  private final Flow tourWide;
  private final Narrator narrator;

  public TourRunner(List<Flow> flows, Flow tourWide, Narrator narrator) {
    this.flows = List.copyOf(flows);
    this.tourWide = Objects.requireNonNull(tourWide, "tourWide");
    this.narrator = Objects.requireNonNull(narrator, "narrator");
  }

  public TourReport run(TourContext tour) {
    long started = System.nanoTime();
    List<FlowResult> results = new ArrayList<>();
    for (int i = 0; i < flows.size(); i++) {
      Flow flow = flows.get(i);
      narrator.blank();
      narrator.line(
          String.format(
              Locale.ROOT, "[%2d/%d] %s: %s", i + 1, flows.size(), flow.name(), flow.title()));
      if (flow.needsSandboxOnlyEndpoints() && tour.sandbox().isEmpty()) {
        FlowResult skipped = FlowResult.skipped(flow.name(), "needs the sandbox's own endpoints");
        narrator.line("  SKIPPED: it " + skipped.note() + ", and another provider was chosen.");
        results.add(skipped);
        continue;
      }
      results.add(runOne(flow, tour));
    }
    narrator.blank();
    narrator.line("[tour-wide] " + tourWide.title());
    FlowResult wide = runOne(tourWide, tour);
    return new TourReport(results, wide, Duration.ofNanos(System.nanoTime() - started));
  }

  private FlowResult runOne(Flow flow, TourContext tour) {
    narrator.paragraph(flow.narration());
    Checks checks = new Checks();
    long started = System.nanoTime();
    try {
      flow.run(tour, checks);
    } catch (Exception | AssertionError e) {
      checks.that("the flow ran to its end", false, e.toString());
    } finally {
      tour.resetProvider();
    }
    FlowResult result =
        FlowResult.of(flow.name(), checks.all(), Duration.ofNanos(System.nanoTime() - started));
    narrator.line("  Checks:");
    for (Check check : result.checks()) {
      narrator.line(
          String.format(
                  Locale.ROOT,
                  "    %s  %-50s %s",
                  check.passed() ? "PASS" : "FAIL",
                  check.name(),
                  check.observed())
              .stripTrailing());
    }
    narrator.line(
        String.format(
            Locale.ROOT,
            "  => %s (%d/%d checks, %s)",
            result.status(),
            result.passedChecks(),
            result.checks().size(),
            seconds(result.took())));
    return result;
  }

  static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.2f s", duration.toMillis() / 1000.0);
  }
}
