package dev.paykit.app.tour;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The metrics summary at the end of the tour, read from the same Micrometer registry a production
 * app would export to Prometheus or OTLP: every figure is a {@code paykit.*} meter.
 */
public final class MetricsSummary {
  private static final String ROW = "  %-26s %s";

  private final MetricsView metrics;
  private final Narrator narrator;

  public MetricsSummary(MetricsView metrics, Narrator narrator) {
    this.metrics = metrics;
    this.narrator = narrator;
  }

  public void print() {
    narrator.blank();
    narrator.line("Metrics (paykit.* meters from the MeterRegistry)");
    row("payments created", whole(metrics.count("paykit.payments.created")));
    row(
        "completed by outcome",
        grouped("paykit.payments.completed", "state", "reason", "decline_code"));
    row("success rate", successRate());
    row("time to terminal", timers("paykit.payments.time_to_terminal", "state"));
    row("webhooks received", grouped("paykit.webhooks.received", "result"));
    row("webhook latency", timers("paykit.webhooks.processing_latency"));
    row("signature failures", grouped("paykit.webhooks.signature_failures", "reason"));
    row("inbox retries", whole(metrics.count("paykit.webhooks.retries")));
    row("dead-lettered", whole(metrics.count("paykit.webhooks.dead_lettered")));
    row("provider retries", grouped("paykit.provider.retries", "operation", "cause"));
    row("token refreshes", whole(metrics.count("paykit.provider.token_refreshes")));
    row("provider errors", grouped("paykit.provider.errors", "operation", "status", "code"));
    row("payments queued", whole(metrics.count("paykit.payments.queued")));
    row("idempotent replays", grouped("paykit.idempotency.replays", "scope"));
    row("idempotency conflicts", grouped("paykit.idempotency.conflicts", "scope"));
    row("transitions", grouped("paykit.payments.transitions", "outcome"));
    row("disputes opened", grouped("paykit.disputes.opened", "reason"));
    row("disputes closed", grouped("paykit.disputes.closed", "reason", "outcome"));
    row("outbox to the shop", grouped("paykit.outbox.delivered", "type"));
    row("outbox delivery latency", timers("paykit.outbox.delivery_latency"));
    row("outbox retries", whole(metrics.count("paykit.outbox.retried")));
    row("outbox dead-lettered", whole(metrics.count("paykit.outbox.dead_lettered")));
    row(
        "reconciliation",
        "runs "
            + whole(metrics.count("paykit.reconciliation.runs"))
            + ", changed "
            + whole(metrics.count("paykit.reconciliation.changed"))
            + ", unresolved "
            + whole(metrics.count("paykit.reconciliation.unresolved")));
    narrator.line(
        "  (times are on the tour's clock, so they include the minutes it jumped forward)");
  }

  private void row(String label, String value) {
    narrator.line(String.format(Locale.ROOT, ROW, label, value));
  }

  private String successRate() {
    double succeeded = metrics.count("paykit.payments.completed", "state", "SUCCEEDED");
    double all = metrics.count("paykit.payments.completed");
    if (all == 0) {
      return "-";
    }
    return String.format(
        Locale.ROOT,
        "%.0f%% (%d of %d completed)",
        100 * succeeded / all,
        (long) succeeded,
        (long) all);
  }

  /** The counters of {@code name} summed per combination of the tags, e.g. "503/unavailable 2". */
  private String grouped(String name, String... tagKeys) {
    Map<String, Double> sums = new TreeMap<>();
    for (Counter counter : metrics.counters(name)) {
      List<String> parts = new ArrayList<>();
      for (String key : tagKeys) {
        String value = counter.getId().getTag(key);
        if (value != null && !value.equals("none")) {
          parts.add(value);
        }
      }
      sums.merge(String.join("/", parts), counter.count(), Double::sum);
    }
    List<String> shown = new ArrayList<>();
    sums.forEach(
        (label, sum) -> {
          if (sum > 0) {
            shown.add((label.isEmpty() ? "" : label + " ") + whole(sum));
          }
        });
    return shown.isEmpty() ? "0" : String.join(", ", shown);
  }

  /** Count, mean and maximum of the timers of {@code name}, per value of {@code tagKey}. */
  private String timers(String name, String... tagKey) {
    List<String> shown = new ArrayList<>();
    for (Timer timer : metrics.timers(name)) {
      if (timer.count() == 0) {
        continue;
      }
      String label = tagKey.length == 0 ? "" : timer.getId().getTag(tagKey[0]) + " ";
      shown.add(
          String.format(
              Locale.ROOT,
              "%sn=%d mean %s max %s",
              label,
              timer.count(),
              millis(timer.mean(TimeUnit.MILLISECONDS)),
              millis(timer.max(TimeUnit.MILLISECONDS))));
    }
    shown.sort(String::compareTo);
    return shown.isEmpty() ? "-" : String.join("; ", shown);
  }

  private static String millis(double millis) {
    return millis >= 1000
        ? String.format(Locale.ROOT, "%.1f s", millis / 1000)
        : String.format(Locale.ROOT, "%.0f ms", millis);
  }

  private static String whole(double value) {
    return Long.toString(Math.round(value));
  }
}
