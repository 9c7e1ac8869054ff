package dev.paykit.app.tour;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The table at the end of the tour: one row per flow, then the totals. */
public final class SummaryPrinter {
  private static final String ROW = "  %-3s %-28s %-8s %7s %9s";

  private final Narrator narrator;

  public SummaryPrinter(Narrator narrator) {
    this.narrator = narrator;
  }

  public void print(TourReport report) {
    narrator.blank();
    narrator.line("Summary");
    narrator.line(String.format(Locale.ROOT, ROW, "#", "flow", "result", "checks", "time"));
    int number = 0;
    for (FlowResult result : report.flows()) {
      number++;
      row(Integer.toString(number), result);
    }
    row("", report.tourWide());
    long checks = 0;
    long passed = 0;
    List<FlowResult> all = new ArrayList<>(report.flows());
    all.add(report.tourWide());
    for (FlowResult result : all) {
      checks += result.checks().size();
      passed += result.passedChecks();
    }
    narrator.line(
        String.format(
            Locale.ROOT,
            "  %d passed, %d failed, %d skipped; %d of %d checks held; wall time %s",
            report.count(FlowResult.Status.PASSED),
            report.count(FlowResult.Status.FAILED),
            report.count(FlowResult.Status.SKIPPED),
            passed,
            checks,
            TourRunner.seconds(report.wallTime())));
  }

  private void row(String number, FlowResult result) {
    String checks =
        result.status() == FlowResult.Status.SKIPPED
            ? "-"
            : result.passedChecks() + "/" + result.checks().size();
    String time =
        result.status() == FlowResult.Status.SKIPPED ? "-" : TourRunner.seconds(result.took());
    narrator.line(
        String.format(Locale.ROOT, ROW, number, result.flow(), result.status(), checks, time)
            .stripTrailing());
  }
}
