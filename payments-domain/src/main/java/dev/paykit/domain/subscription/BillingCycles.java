package dev.paykit.domain.subscription;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The billing calendar: cycle {@code n} starts at the anchor plus {@code n} intervals, counted on
 * the wall clock of the subscription's zone. Every boundary is computed from the anchor, never from
 * the previous boundary, so month ends do not drift: from January 31 a monthly plan bills on
 * February 28 (29 in a leap year), then March 31, April 30, and a yearly plan from February 29
 * bills on February 28 and again on February 29 four years later. Daylight saving keeps the local
 * time of day (a gap moves it forward by the gap).
 */
public final class BillingCycles {
  private BillingCycles() {}

  /** The start of cycle {@code n} (n ≥ 0; 0 is the anchor itself). */
  public static Instant boundary(Instant anchor, ZoneId zone, BillingInterval interval, long n) {
    Objects.requireNonNull(anchor, "anchor");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(interval, "interval");
    if (n < 0) {
      throw new IllegalArgumentException("cycle must not be negative: " + n);
    }
    return anchor
        .atZone(zone)
        .plus(Math.multiplyExact(n, (long) interval.count()), interval.unit().chronoUnit())
        .toInstant();
  }

  /** The end of a trial that starts at {@code start}. */
  public static Instant trialEnd(Instant start, ZoneId zone, BillingInterval trial) {
    return boundary(start, zone, trial, 1);
  }
}
