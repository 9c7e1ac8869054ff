package dev.paykit.domain.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class BillingCyclesProperties {

  @Provide
  Arbitrary<ZoneId> zones() {
    return Arbitraries.of(
        ZoneId.of("UTC"),
        ZoneId.of("Europe/Budapest"),
        ZoneId.of("America/New_York"),
        ZoneId.of("Australia/Sydney"),
        ZoneId.of("Asia/Kolkata"));
  }

  @Provide
  Arbitrary<LocalDateTime> anchors() {
    return Arbitraries.longs()
        .between(0, 20L * 366 * 24 * 60)
        .map(m -> LocalDateTime.of(2020, 1, 1, 0, 0).plusMinutes(m));
  }

  @Property
  void monthlyBoundariesFallOnTheAnchorsDayOrTheMonthsLastDay(
      @ForAll("anchors") LocalDateTime anchor,
      @ForAll("zones") ZoneId zone,
      @ForAll @IntRange(min = 1, max = 12) int count,
      @ForAll @IntRange(min = 0, max = 60) int n) {
    Instant start = anchor.atZone(zone).toInstant();
    LocalDate anchorDate = start.atZone(zone).toLocalDate();
    LocalDate billed =
        BillingCycles.boundary(start, zone, BillingInterval.of(count, BillingUnit.MONTH), n)
            .atZone(zone)
            .toLocalDate();
    LocalDate month = anchorDate.withDayOfMonth(1).plusMonths((long) n * count);
    assertThat(billed.withDayOfMonth(1)).isEqualTo(month);
    assertThat(billed.getDayOfMonth())
        .isEqualTo(Math.min(anchorDate.getDayOfMonth(), month.lengthOfMonth()));
  }

  @Property
  void boundariesOnlyEverMoveForward(
      @ForAll("anchors") LocalDateTime anchor,
      @ForAll("zones") ZoneId zone,
      @ForAll BillingUnit unit,
      @ForAll @IntRange(min = 1, max = 30) int count,
      @ForAll @IntRange(min = 0, max = 40) int n) {
    Instant start = anchor.atZone(zone).toInstant();
    BillingInterval interval = BillingInterval.of(count, unit);
    assertThat(BillingCycles.boundary(start, zone, interval, n + 1))
        .isAfter(BillingCycles.boundary(start, zone, interval, n));
  }

  @Property
  void dailyAndWeeklyBoundariesAreWholeLocalDaysApart(
      @ForAll("anchors") LocalDateTime anchor,
      @ForAll("zones") ZoneId zone,
      @ForAll @IntRange(min = 1, max = 30) int count,
      @ForAll @IntRange(min = 0, max = 100) int n) {
    Instant start = anchor.atZone(zone).toInstant();
    LocalDate anchorDate = start.atZone(zone).toLocalDate();
    assertThat(
            BillingCycles.boundary(start, zone, BillingInterval.of(count, BillingUnit.DAY), n)
                .atZone(zone)
                .toLocalDate())
        .isEqualTo(anchorDate.plusDays((long) count * n));
    assertThat(
            BillingCycles.boundary(start, zone, BillingInterval.of(count, BillingUnit.WEEK), n)
                .atZone(zone)
                .toLocalDate())
        .isEqualTo(anchorDate.plusWeeks((long) count * n));
  }

  @Property
  void yearlyBoundariesFromFebruary29AreOnTheLastDayOfFebruary(
      @ForAll("zones") ZoneId zone, @ForAll @IntRange(min = 0, max = 40) int n) {
    Instant start = LocalDateTime.of(2024, 2, 29, 12, 0).atZone(zone).toInstant();
    LocalDate billed =
        BillingCycles.boundary(start, zone, BillingInterval.of(1, BillingUnit.YEAR), n)
            .atZone(zone)
            .toLocalDate();
    assertThat(billed.getMonthValue()).isEqualTo(2);
    assertThat(billed.getDayOfMonth()).isEqualTo(billed.lengthOfMonth());
    assertThat(billed.getYear()).isEqualTo(2024 + n);
  }
}
