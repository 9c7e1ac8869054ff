package dev.paykit.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A Markdown table, so that what a benchmark prints can be pasted into {@code BENCHMARKS.md} as it
 * is. Columns are padded to line up in a terminal too.
 */
public final class Table {
  private final String title;
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  public Table(String title, String... header) {
    this.title = Objects.requireNonNull(title, "title");
    this.header = List.of(header);
  }

  /**
   * The standard benchmark table: ops/s, p50, p99 and the cost relative to the row's baseline.
   * Baseline rows are added with {@link #addBaseline}, the measured ones with {@link #add}.
   */
  public static Table benchmark(String title) {
    return new Table(title, "case", "ops/s", "p50", "p99", "cost vs baseline");
  }

  public Table row(String... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException(
          "a row of " + header.size() + " cells expected, got " + cells.length);
    }
    rows.add(List.of(cells));
    return this;
  }

  /** A measured row compared with {@code baseline} (named in the last cell). */
  public Table add(Measurement m, Measurement baseline, String baselineName) {
    return row(
        m.label(),
        opsPerSecond(m.opsPerSecond()),
        latency(m.p50Nanos()),
        latency(m.p99Nanos()),
        ratio(m.costRelativeTo(baseline)) + " " + baselineName);
  }

  public Table addBaseline(Measurement m) {
    return row(
        m.label(),
        opsPerSecond(m.opsPerSecond()),
        latency(m.p50Nanos()),
        latency(m.p99Nanos()),
        "1.00× (baseline)");
  }

  /**
   * The seven cells of a Paykit measurement beside its baseline: ops/s, p50 and p99 of each, and
   * the cost ratio; for tables whose leading columns name the case.
   */
  public static String[] pair(Measurement paykit, Measurement baseline) {
    return new String[] {
      opsPerSecond(paykit.opsPerSecond()),
      latency(paykit.p50Nanos()),
      latency(paykit.p99Nanos()),
      opsPerSecond(baseline.opsPerSecond()),
      latency(baseline.p50Nanos()),
      latency(baseline.p99Nanos()),
      ratio(paykit.costRelativeTo(baseline))
    };
  }

  /** The header cells that go with {@link #pair}. */
  public static String[] pairHeader(String baselineName) {
    return new String[] {
      "Paykit ops/s", "p50", "p99", baselineName + " ops/s", "p50", "p99", "cost vs " + baselineName
    };
  }

  /**
   * The four cells of one more baseline beside a {@link #pair}: its ops/s, p50 and p99, and the
   * cost of {@code paykit} against it; dashes where the baseline was not measured (null).
   */
  public static String[] versus(Measurement paykit, Measurement baseline) {
    if (baseline == null) {
      return new String[] {"–", "–", "–", "–"};
    }
    return new String[] {
      opsPerSecond(baseline.opsPerSecond()),
      latency(baseline.p50Nanos()),
      latency(baseline.p99Nanos()),
      ratio(paykit.costRelativeTo(baseline))
    };
  }

  /** The header cells that go with {@link #versus}. */
  public static String[] versusHeader(String baselineName) {
    return new String[] {baselineName + " ops/s", "p50", "p99", "cost vs " + baselineName};
  }

  /**
   * Whether a measured cost ratio meets a goal of at most {@code limit} times {@code against}:
   * {@code ≤ 1.25× floor: met} or {@code ≤ 1.25× floor: missed}; a dash if the ratio could not be
   * measured.
   */
  public static String goal(double ratio, double limit, String against) {
    if (Double.isNaN(ratio)) {
      return "–";
    }
    return "≤ " + ratio(limit) + " " + against + ": " + (ratio <= limit ? "met" : "missed");
  }

  /** Joins leading cells with more cells, for rows and headers built from {@link #pair}. */
  public static String[] cells(String[] more, String... leading) {
    String[] all = java.util.Arrays.copyOf(leading, leading.length + more.length);
    System.arraycopy(more, 0, all, leading.length, more.length);
    return all;
  }

  public Table note(String text) {
    notes.add(text);
    return this;
  }

  public String render() {
    int[] widths = new int[header.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = header.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("### ").append(title).append("\n\n");
    line(out, header, widths);
    StringBuilder rule = new StringBuilder("|");
    for (int width : widths) {
      rule.append('-').append("-".repeat(width)).append("-|");
    }
    out.append(rule).append('\n');
    rows.forEach(row -> line(out, row, widths));
    if (!notes.isEmpty()) {
      out.append('\n');
      notes.forEach(n -> out.append(n).append('\n'));
    }
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells, int[] widths) {
    out.append('|');
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      out.append(' ').append(cell).append(" ".repeat(widths[i] - cell.length())).append(" |");
    }
    out.append('\n');
  }

  /** {@code 12,345} or, below 100, with one decimal. */
  public static String opsPerSecond(double value) {
    if (Double.isNaN(value)) {
      return "–";
    }
    return value >= 100
        ? String.format(Locale.ROOT, "%,.0f", value)
        : String.format(Locale.ROOT, "%.1f", value);
  }

  /** A latency in the unit that keeps three significant digits readable: ns, µs, ms or s. */
  public static String latency(double nanos) {
    if (Double.isNaN(nanos)) {
      return "–";
    }
    if (nanos < 1_000) {
      return String.format(Locale.ROOT, "%.0f ns", nanos);
    }
    if (nanos < 1_000_000) {
      return String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
    }
    if (nanos < 1_000_000_000) {
      return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
    }
    return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
  }

  public static String ratio(double value) {
    return String.format(Locale.ROOT, value >= 10 ? "%.0f×" : "%.2f×", value);
  }

  public static String duration(java.time.Duration d) {
    return latency(d.toNanos());
  }
}
