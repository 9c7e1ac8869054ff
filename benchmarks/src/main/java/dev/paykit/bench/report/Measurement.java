package dev.paykit.bench.report;

import java.util.Objects;

/**
 * One measured case: its throughput and latency percentiles. Latencies are nanoseconds; NaN where a
 * figure was not measured.
 *
 * @param label what was measured, as the table shows it
 * @param opsPerSecond operations per second, all threads together
 * @param p50Nanos median latency of one operation
 * @param p99Nanos 99th percentile latency of one operation
 */
public record Measurement(String label, double opsPerSecond, double p50Nanos, double p99Nanos) {
  public Measurement {
    Objects.requireNonNull(label, "label");
  }

  public Measurement withLabel(String value) {
    return new Measurement(value, opsPerSecond, p50Nanos, p99Nanos);
  }

  /**
   * How many times the cost of {@code baseline} one operation here costs, by throughput: {@code
   * baseline ops/s ÷ these ops/s}. 3.0 means a third of the baseline's throughput.
   */
  public double costRelativeTo(Measurement baseline) {
    return baseline.opsPerSecond / opsPerSecond;
  }
}
