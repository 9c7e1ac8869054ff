package dev.paykit.app.tour;

import dev.paykit.domain.dispute.Dispute;
import dev.paykit.domain.dispute.DisputeHistoryEntry;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Prints a dispute's timeline: each event (the provider's reports, accepted evidence, the deadline
 * reminder), the state before and after, what became of it, who said it, when relative to the
 * dispute's opening, and the provider's event or request id.
 */
final class DisputeTimelinePrinter {
  private static final String ROW = "    %2s  %-9s  %-23s  %-14s  %-14s  %-9s  %-17s  %s";

  private final Narrator narrator;

  DisputeTimelinePrinter(Narrator narrator) {
    this.narrator = narrator;
  }

  void print(Dispute dispute, List<DisputeHistoryEntry> timeline) {
    narrator.line(
        "  Timeline of dispute "
            + dispute.id()
            + " ("
            + dispute.reason()
            + ", "
            + dispute.amount()
            + ", evidence due by "
            + dispute.evidenceDueBy()
            + "):");
    narrator.line(
        String.format(
            Locale.ROOT,
            ROW,
            "#",
            "at",
            "event",
            "from",
            "to",
            "outcome",
            "source",
            "event / request"));
    for (DisputeHistoryEntry entry : timeline) {
      narrator.line(
          String.format(
                  Locale.ROOT,
                  ROW,
                  entry.sequence(),
                  TimelinePrinter.offset(Duration.between(dispute.createdAt(), entry.at())),
                  entry.event(),
                  entry.from() == null ? "-" : entry.from(),
                  entry.to(),
                  entry.outcome(),
                  entry.source(),
                  entry.eventId() != null
                      ? entry.eventId()
                      : entry.requestId() != null ? entry.requestId() : "")
              .stripTrailing());
    }
  }
}
