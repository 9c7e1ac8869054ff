package dev.paykit.domain.money;

import static dev.paykit.domain.ValidationAssert.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

  private static final Currency EUR = Currency.getInstance("EUR");

  @ParameterizedTest(name = "{0} has {1} minor digits")
  @CsvSource({"JPY, 0", "KRW, 0", "EUR, 2", "USD, 2", "HUF, 2", "BHD, 3", "KWD, 3", "CLF, 4"})
  void takes_the_minor_digits_from_the_currency(String code, int digits) {
    assertThat(Money.minorDigits(Currency.getInstance(code))).isEqualTo(digits);
  }

  @Test
  void keeps_integer_minor_units_and_the_currency() {
    Money money = Money.of(1050, "EUR");

    assertThat(money.minorUnits()).isEqualTo(1050);
    assertThat(money.currency()).isEqualTo(EUR);
    assertThat(money.currencyCode()).isEqualTo("EUR");
  }

  @Test
  void allows_zero() {
    assertThat(Money.of(0, "EUR").isZero()).isTrue();
    assertThat(Money.zero(EUR)).isEqualTo(Money.of(0, "EUR"));
    assertThat(Money.of(1, "EUR").isZero()).isFalse();
  }

  @Test
  void rejects_a_negative_amount() {
    var e = assertRejected(() -> Money.of(-1, "EUR"), "amount.value", "negative");
    assertThat(e.getMessage()).contains("-1");
  }

  @Test
  void rejects_a_negative_amount_in_the_constructor_too() {
    assertRejected(() -> new Money(-5, EUR), "amount.value", "negative");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   "})
  void rejects_a_missing_currency_code(String code) {
    assertRejected(() -> Money.of(100, code), "amount.currency", "required");
  }

  @ParameterizedTest
  @ValueSource(strings = {"eur", "EURO", "EU", "E1R", "€"})
  void rejects_a_currency_code_that_is_not_three_capital_letters(String code) {
    var e = assertRejected(() -> Money.of(100, code), "amount.currency", "invalid_currency");
    assertThat(e.getMessage()).contains(code);
  }

  @Test
  void never_quotes_a_currency_code_that_is_long_or_holds_a_control_character() {
    for (String code : new String[] {"E\nUR", "EUR".repeat(1000)}) {
      var e = assertRejected(() -> Money.of(100, code), "amount.currency", "invalid_currency");
      assertThat(e.getMessage()).doesNotContain(code).hasSizeLessThan(100);
    }
  }

  @Test
  void rejects_an_unknown_currency_code() {
    var e = assertRejected(() -> Money.of(100, "ABC"), "amount.currency", "invalid_currency");
    assertThat(e.getMessage()).contains("'ABC' is not an ISO 4217 currency");
  }

  @ParameterizedTest
  @ValueSource(strings = {"XXX", "XAU", "XDR"})
  void rejects_a_currency_without_minor_units_because_it_cannot_be_charged(String code) {
    assertRejected(() -> Money.of(100, code), "amount.currency", "invalid_currency");
    assertRejected(
        () -> new Money(100, Currency.getInstance(code)), "amount.currency", "invalid_currency");
  }

  @Test
  void currency_names_the_field_it_is_given() {
    assertRejected(
        () -> Money.currency("refund.currency", "xyz"), "refund.currency", "invalid_currency");
    assertThat(Money.currency("refund.currency", "BHD")).isEqualTo(Currency.getInstance("BHD"));
  }

  @ParameterizedTest(name = "{0} {1} is {2} minor units")
  @CsvSource({
    "10.50, EUR, 1050",
    "10.5, EUR, 1050",
    "10, EUR, 1000",
    "0.01, EUR, 1",
    "10.500, EUR, 1050",
    "1500, JPY, 1500",
    "1500.0, JPY, 1500",
    "1.234, BHD, 1234",
    "0.001, BHD, 1",
    "+10.50, EUR, 1050",
    "007.50, EUR, 750",
    "' 7.25 ', USD, 725",
    "0, EUR, 0"
  })
  void parses_a_decimal_in_major_units_exactly(String decimal, String code, long minorUnits) {
    assertThat(Money.parse(decimal, code)).isEqualTo(Money.of(minorUnits, code));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"10.505, EUR", "0.001, EUR", "1.5, JPY", "0.1, JPY", "1.2345, BHD"})
  void rejects_more_decimals_than_the_currency_has_instead_of_rounding(
      String decimal, String code) {
    var e = assertRejected(() -> Money.parse(decimal, code), "amount", "too_many_decimals");
    assertThat(e.getMessage()).contains(code).contains(decimal);
  }

  @Test
  void rejects_a_third_decimal_for_eur() {
    assertRejected(() -> Money.parse("1.001", "EUR"), "amount", "too_many_decimals");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void parse_rejects_a_missing_amount(String decimal) {
    assertRejected(() -> Money.parse(decimal, "EUR"), "amount", "required");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"ten", "10,50", "1.2.3", "NaN", "Infinity", "0x10", "1 000", "1E+2", "1e3", "+-1"})
  void parse_rejects_what_is_not_a_number(String decimal) {
    var e = assertRejected(() -> Money.parse(decimal, "EUR"), "amount", "not_a_number");
    assertThat(e.getMessage()).contains(decimal);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e30000000", "1e1000000", "1E-2147483648", "0.1e2147483647"})
  void parse_refuses_an_exponent_at_once_instead_of_building_a_huge_number(String decimal) {
    assertTimeoutPreemptively(
        Duration.ofSeconds(1),
        () -> assertRejected(() -> Money.parse(decimal, "EUR"), "amount", "not_a_number"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "\u0661, BHD",
    "\uff18\uff18, EUR",
    "\u0967\u0966, EUR",
    "1\u00b2, EUR",
    "\u00bd, EUR",
    "1.\u0665, EUR"
  })
  void parse_accepts_only_ascii_digits(String decimal, String code) {
    var e = assertRejected(() -> Money.parse(decimal, code), "amount", "not_a_number");
    assertThat(e.getMessage()).doesNotContain(decimal);
  }

  @Test
  void parse_refuses_a_very_long_amount_without_reading_it() {
    String decimal = "0".repeat(100_000) + "1";

    var e = assertRejected(() -> Money.parse(decimal, "EUR"), "amount", "too_long");
    assertThat(e.getMessage()).hasSizeLessThan(200);
  }

  @Test
  void parse_never_quotes_a_control_character_it_refused() {
    var e = assertRejected(() -> Money.parse("10\n.50", "EUR"), "amount", "not_a_number");
    assertThat(e.getMessage()).doesNotContain("\n");
  }

  @Test
  void parse_rejects_a_negative_amount_naming_the_field_it_parsed() {
    assertRejected(() -> Money.parse("-1.00", "EUR"), "amount", "negative");
  }

  @ParameterizedTest
  @ValueSource(strings = {"92233720368547758.08", "1000000000000000000000000000000"})
  void parse_rejects_an_amount_that_does_not_fit_in_a_long(String decimal) {
    assertRejected(() -> Money.parse(decimal, "EUR"), "amount", "too_large");
  }

  @Test
  void parse_accepts_the_largest_amount_that_fits() {
    assertThat(Money.parse("92233720368547758.07", "EUR").minorUnits()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void parse_checks_the_currency_before_the_amount() {
    assertRejected(() -> Money.parse("ten", "eur"), "amount.currency", "invalid_currency");
  }

  @ParameterizedTest(name = "{0} minor units of {1} print as {2}")
  @CsvSource({
    "1050, EUR, 10.50 EUR",
    "5, EUR, 0.05 EUR",
    "0, EUR, 0.00 EUR",
    "1500, JPY, 1500 JPY",
    "1234, BHD, 1.234 BHD",
    "1, BHD, 0.001 BHD"
  })
  void prints_major_units_with_the_currency_digits(long minorUnits, String code, String text) {
    assertThat(Money.of(minorUnits, code)).hasToString(text);
  }

  @Test
  void converts_to_an_exact_decimal() {
    assertThat(Money.of(1050, "EUR").toDecimal()).isEqualTo(new BigDecimal("10.50"));
    assertThat(Money.of(7, "JPY").toDecimal()).isEqualTo(new BigDecimal("7"));
  }

  @Test
  void adds_and_subtracts_in_the_same_currency() {
    assertThat(Money.of(1050, "EUR").plus(Money.of(250, "EUR"))).isEqualTo(Money.of(1300, "EUR"));
    assertThat(Money.of(1050, "EUR").minus(Money.of(50, "EUR"))).isEqualTo(Money.of(1000, "EUR"));
    assertThat(Money.of(1050, "EUR").minus(Money.of(1050, "EUR")).isZero()).isTrue();
  }

  @Test
  void fails_loudly_instead_of_overflowing() {
    Money max = new Money(Long.MAX_VALUE, EUR);

    var e = assertRejected(() -> max.plus(Money.of(1, "EUR")), "amount.value", "overflow");
    assertThat(e.getMessage()).contains(Long.toString(Long.MAX_VALUE));
  }

  @Test
  void refuses_to_go_below_zero() {
    var e =
        assertRejected(
            () -> Money.of(100, "EUR").minus(Money.of(101, "EUR")), "amount.value", "negative");
    assertThat(e.getMessage()).contains("1.01 EUR").contains("1.00 EUR");
  }

  @Test
  void refuses_to_mix_currencies() {
    Money eur = Money.of(100, "EUR");
    Money usd = Money.of(100, "USD");

    var plus = assertRejected(() -> eur.plus(usd), "amount.currency", "currency_mismatch");
    assertThat(plus.getMessage()).contains("EUR").contains("USD");
    assertRejected(() -> eur.minus(usd), "amount.currency", "currency_mismatch");
    assertRejected(() -> eur.compareTo(usd), "amount.currency", "currency_mismatch");
    assertRejected(() -> eur.isGreaterThan(usd), "amount.currency", "currency_mismatch");
  }

  @Test
  void compares_by_minor_units() {
    assertThat(Money.of(101, "EUR").isGreaterThan(Money.of(100, "EUR"))).isTrue();
    assertThat(Money.of(100, "EUR").isGreaterThan(Money.of(100, "EUR"))).isFalse();
    assertThat(Money.of(99, "EUR")).isLessThan(Money.of(100, "EUR"));
    assertThat(Money.of(100, "EUR")).isEqualByComparingTo(Money.of(100, "EUR"));
  }

  @Test
  void equal_amounts_in_different_currencies_are_not_equal() {
    assertThat(Money.of(100, "EUR")).isNotEqualTo(Money.of(100, "USD"));
    assertThat(Money.of(100, "EUR"))
        .isEqualTo(Money.of(100, "EUR"))
        .hasSameHashCodeAs(Money.of(100, "EUR"));
  }
}
