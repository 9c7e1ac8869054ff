package dev.paykit.app.tour;

import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Payment;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Prints a payment's history as a timeline: each report, what became of it, who said it (the
 * provider's create response, a verified webhook, a look-up, or Paykit itself), when, relative to
 * the payment's creation, and the provider's event or request id. A report that repeated an entry
 * is counted on it, not printed again: the entry says how often it was said ({@code x3}) and when
 * last ({@code last +6m01.2s}).
 */
final class TimelinePrinter {
  private static final String ROW = "    %2s  %-9s  %-11s  %-11s  %-9s  %-17s  %s";

  private static final int DETAIL = 60;

  private final Narrator narrator;

  TimelinePrinter(Narrator narrator) {
    this.narrator = narrator;
  }

  void print(Payment payment, List<HistoryEntry> trail) {
    narrator.line("  Timeline of " + payment.id() + " (order " + payment.externalId() + "):");
    narrator.line(
        String.format(
            Locale.ROOT,
            ROW,
            "#",
            "at",
            "from",
            "reported",
            "outcome",
            "source",
            "event / request"));
    for (HistoryEntry entry : trail) {
      narrator.line(
          String.format(
                  Locale.ROOT,
                  ROW,
                  entry.sequence(),
                  offset(Duration.between(payment.createdAt(), entry.at())),
                  entry.from() == null ? "-" : entry.from(),
                  entry.reported(),
                  entry.outcome(),
                  entry.source(),
                  ids(entry) + repeats(entry, payment))
              .stripTrailing());
    }
  }

  private static String ids(HistoryEntry entry) {
    StringBuilder ids = new StringBuilder();
    entry.providerEventId().ifPresent(ids::append);
    entry.providerRequestId().ifPresent(id -> ids.append(ids.length() == 0 ? "" : " ").append(id));
    if (entry.detail() != null && ids.length() == 0) {
      String detail = entry.detail();
      ids.append('(')
          .append(detail.length() > DETAIL ? detail.substring(0, DETAIL - 3) + "..." : detail)
          .append(')');
    }
    return ids.toString();
  }

  /** {@code (x3, last +6m01.2s)} for an entry said three times; nothing for one said once. */
  static String repeats(HistoryEntry entry, Payment payment) {
    if (entry.repeats() == 0) {
      return "";
    }
    return "  (x"
        + entry.timesSaid()
        + ", last "
        + offset(Duration.between(payment.createdAt(), entry.lastSeenAt()))
        + ")";
  }

  /** {@code +0.042s}, or {@code +6m01.2s} past a minute (the demo's clock jumps show here). */
  static String offset(Duration since) {
    long millis = Math.max(0, since.toMillis());
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "+%d.%03ds", millis / 1000, millis % 1000);
    }
    long minutes = millis / 60_000;
    long rest = millis % 60_000;
    return String.format(Locale.ROOT, "+%dm%02d.%ds", minutes, rest / 1000, (rest % 1000) / 100);
  }
}
