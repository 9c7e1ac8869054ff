package dev.paykit.domain.subscription;

import dev.paykit.domain.Require;
import dev.paykit.domain.ValidationException;

/** Every {@code count} {@code unit}s: one month, two weeks, a year. */
public record BillingInterval(BillingUnit unit, int count) {
  public static final int MAX_COUNT = 366;

  public BillingInterval {
    Require.present("interval.unit", unit);
    if (count < 1 || count > MAX_COUNT) {
      throw new ValidationException(
          "interval.count", "out_of_range", "must be 1 to " + MAX_COUNT + ", was " + count);
    }
  }

  public static BillingInterval of(int count, BillingUnit unit) {
    return new BillingInterval(unit, count);
  }

  @Override
  public String toString() {
    return count + " " + unit;
  }
}
