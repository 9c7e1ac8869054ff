package dev.paykit.domain.subscription;

import java.time.temporal.ChronoUnit;

/** The calendar unit of a billing interval. */
public enum BillingUnit {
  DAY(ChronoUnit.DAYS),
  WEEK(ChronoUnit.WEEKS),
  MONTH(ChronoUnit.MONTHS),
  YEAR(ChronoUnit.YEARS);

  private final ChronoUnit unit;

  BillingUnit(ChronoUnit unit) {
    this.unit = unit;
  }

  ChronoUnit chronoUnit() {
    return unit;
  }
}
