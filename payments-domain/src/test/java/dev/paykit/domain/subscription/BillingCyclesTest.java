package dev.paykit.domain.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paykit.domain.ValidationException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class BillingCyclesTest {

  private static final ZoneId BUDAPEST = ZoneId.of("Europe/Budapest");
  private static final BillingInterval MONTHLY = BillingInterval.of(1, BillingUnit.MONTH);

  private static Instant at(String localDateTime, ZoneId zone) {
    return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
  }

  private static LocalDate localDate(Instant instant, ZoneId zone) {
    return instant.atZone(zone).toLocalDate();
  }

  @Test
  void aMonthlyPlanFromJanuary31BillsOnTheLastDayOfShortMonthsAndBackOnThe31st() {
    Instant anchor = at("2027-01-31T10:00", BUDAPEST);
    assertThat(localDate(BillingCycles.boundary(anchor, BUDAPEST, MONTHLY, 1), BUDAPEST))
        .isEqualTo(LocalDate.of(2027, 2, 28));
    assertThat(localDate(BillingCycles.boundary(anchor, BUDAPEST, MONTHLY, 2), BUDAPEST))
        .isEqualTo(LocalDate.of(2027, 3, 31));
    assertThat(localDate(BillingCycles.boundary(anchor, BUDAPEST, MONTHLY, 3), BUDAPEST))
        .isEqualTo(LocalDate.of(2027, 4, 30));
  }

  @Test
  void februaryHas29DaysInALeapYear() {
    Instant anchor = at("2028-01-31T10:00", BUDAPEST);
    assertThat(localDate(BillingCycles.boundary(anchor, BUDAPEST, MONTHLY, 1), BUDAPEST))
        .isEqualTo(LocalDate.of(2028, 2, 29));
  }

  @Test
  void aYearlyPlanFromFebruary29BillsOnFebruary28ThenFebruary29InTheNextLeapYear() {
    BillingInterval yearly = BillingInterval.of(1, BillingUnit.YEAR);
    Instant anchor = at("2028-02-29T09:00", BUDAPEST);
    assertThat(localDate(BillingCycles.boundary(anchor, BUDAPEST, yearly, 1), BUDAPEST))
        .isEqualTo(LocalDate.of(2029, 2, 28));
    assertThat(localDate(BillingCycles.boundary(anchor, BUDAPEST, yearly, 4), BUDAPEST))
        .isEqualTo(LocalDate.of(2032, 2, 29));
  }

  @Test
  void theBillingDayIsTheZonesWallClockDayNotUtcs() {
    // 00:30 on March 31 in Budapest is still March 30 in UTC, so counting in UTC bills on a
    // different local day.
    Instant anchor = at("2027-03-31T00:30", BUDAPEST);
    Instant next = BillingCycles.boundary(anchor, BUDAPEST, MONTHLY, 1);
    assertThat(next.atZone(BUDAPEST).toLocalDateTime())
        .isEqualTo(LocalDateTime.parse("2027-04-30T00:30"));
    assertThat(localDate(BillingCycles.boundary(anchor, ZoneId.of("UTC"), MONTHLY, 1), BUDAPEST))
        .isEqualTo(LocalDate.of(2027, 5, 1));
  }

  @Test
  void aWeeklyPlanKeepsItsLocalTimeAcrossTheDaylightSavingChange() {
    Instant anchor = at("2027-03-22T09:00", BUDAPEST);
    Instant next =
        BillingCycles.boundary(anchor, BUDAPEST, BillingInterval.of(1, BillingUnit.WEEK), 1);
    assertThat(next.atZone(BUDAPEST).toLocalDateTime())
        .isEqualTo(LocalDateTime.parse("2027-03-29T09:00"));
  }

  @Test
  void anIntervalCountOutOfRangeNamesTheField() {
    assertThatThrownBy(() -> BillingInterval.of(0, BillingUnit.DAY))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("interval.count");
  }
}
