package dev.paykit.bench.report;

import java.util.Arrays;

/**
 * Percentiles of recorded latencies by sorting them: exact, and cheap enough for the few million
 * samples a harness run records. Nearest rank: the p-th percentile of n sorted values is the value
 * at rank ⌈p/100 · n⌉, so it is always a latency that was really measured.
 */
public final class Percentiles {
  private final long[] sorted;

  private Percentiles(long[] sorted) {
    this.sorted = sorted;
  }

  /** Sorts a copy of {@code values[0, count)}. */
  public static Percentiles of(long[] values, int count) {
    if (count < 0 || count > values.length) {
      throw new IllegalArgumentException("count " + count + " outside 0.." + values.length);
    }
    long[] copy = Arrays.copyOf(values, count);
    Arrays.sort(copy);
    return new Percentiles(copy);
  }

  public static Percentiles of(long... values) {
    return of(values, values.length);
  }

  public int count() {
    return sorted.length;
  }

  /**
   * @param percentile in (0, 100]
   * @throws IllegalStateException if nothing was recorded
   */
  public long at(double percentile) {
    if (!(percentile > 0 && percentile <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100], was " + percentile);
    }
    if (sorted.length == 0) {
      throw new IllegalStateException("no values recorded");
    }
    int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }

  public long p50() {
    return at(50);
  }

  public long p99() {
    return at(99);
  }

  public long max() {
    return at(100);
  }
}
