package dev.paykit.domain.money;

import static dev.paykit.domain.ValidationAssert.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.paykit.domain.money.AmountLimits.Limit;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AmountLimitsTest {

  private final AmountLimits defaults = AmountLimits.defaults();

  private static Currency currency(String code) {
    return Currency.getInstance(code);
  }

  @ParameterizedTest(name = "{0}: {1}..{2}")
  @CsvSource({
    "HUF, 100, 1000000000",
    "EUR, 50, 100000000",
    "USD, 50, 100000000",
    "GBP, 50, 100000000"
  })
  void has_safe_defaults_for_the_common_currencies(String code, long min, long max) {
    assertThat(defaults.limitFor(currency(code))).isEqualTo(new Limit(min, max));
  }

  @ParameterizedTest(name = "{0}: {1}..{2}")
  @CsvSource({
    // half a major unit up to a million major units, from the minor digits
    "JPY, 1, 1000000",
    "CHF, 50, 100000000",
    "BHD, 500, 1000000000",
    "CLF, 5000, 10000000000"
  })
  void derives_a_limit_from_the_minor_digits_for_other_currencies(String code, long min, long max) {
    assertThat(defaults.limitFor(currency(code))).isEqualTo(new Limit(min, max));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"EUR, 50", "EUR, 100000000", "HUF, 100", "HUF, 1000000000", "JPY, 1", "BHD, 500"})
  void accepts_amounts_on_the_limits(String code, long minorUnits) {
    Money amount = Money.of(minorUnits, code);
    assertThat(defaults.check("amount.value", amount)).isSameAs(amount);
  }

  @Test
  void rejects_an_amount_below_the_minimum_naming_the_field_and_the_limit() {
    var e =
        assertRejected(
            () -> defaults.check("amount.value", Money.of(49, "EUR")),
            "amount.value",
            "below_minimum");
    assertThat(e).hasMessage("amount.value: must be at least 0.50 EUR, was 0.49 EUR");
  }

  @Test
  void rejects_an_amount_above_the_maximum_naming_the_field_and_the_limit() {
    var e =
        assertRejected(
            () -> defaults.check("amount.value", Money.of(100_000_001, "USD")),
            "amount.value",
            "above_maximum");
    assertThat(e).hasMessage("amount.value: must be at most 1000000.00 USD, was 1000000.01 USD");
  }

  @Test
  void rejects_huf_below_its_own_minimum_even_where_eur_would_pass() {
    assertRejected(
        () -> defaults.check("amount.value", Money.of(99, "HUF")), "amount.value", "below_minimum");
    assertThat(defaults.check("amount.value", Money.of(99, "EUR")).minorUnits()).isEqualTo(99);
  }

  @Test
  void rejects_zero_for_every_currency() {
    for (String code : new String[] {"EUR", "JPY", "BHD", "HUF", "CHF"}) {
      assertRejected(
          () -> defaults.check("amount.value", Money.of(0, code)), "amount.value", "below_minimum");
    }
  }

  @Test
  void names_the_field_it_is_given() {
    assertRejected(
        () -> defaults.check("refund.amount", Money.of(1, "EUR")),
        "refund.amount",
        "below_minimum");
  }

  @Test
  void overrides_one_currency_without_touching_the_others_or_the_original() {
    AmountLimits custom = defaults.with(currency("EUR"), 1, 500);

    assertThat(custom.limitFor(currency("EUR"))).isEqualTo(new Limit(1, 500));
    assertThat(custom.limitFor(currency("USD"))).isEqualTo(new Limit(50, 100_000_000));
    assertThat(defaults.limitFor(currency("EUR"))).isEqualTo(new Limit(50, 100_000_000));
    assertRejected(
        () -> custom.check("amount.value", Money.of(501, "EUR")), "amount.value", "above_maximum");
    assertThat(custom.check("amount.value", Money.of(1, "EUR")).minorUnits()).isEqualTo(1);
  }

  @Test
  void configures_a_currency_that_had_only_a_derived_limit() {
    AmountLimits custom = defaults.with(currency("JPY"), 50, 300_000);

    assertThat(custom.limitFor(currency("JPY"))).isEqualTo(new Limit(50, 300_000));
    assertRejected(
        () -> custom.check("amount.value", Money.of(49, "JPY")), "amount.value", "below_minimum");
  }

  @Test
  void rejects_a_limit_that_is_not_a_positive_range() {
    assertThatIllegalArgumentException().isThrownBy(() -> new Limit(0, 10));
    assertThatIllegalArgumentException().isThrownBy(() -> new Limit(10, 9));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> defaults.with(currency("EUR"), -1, 10))
        .withMessageContaining("-1..10");
    assertThat(new Limit(7, 7).maxMinorUnits()).isEqualTo(7);
  }

  @Test
  void requires_a_currency_to_override() {
    assertThatNullPointerException().isThrownBy(() -> defaults.with(null, 1, 2));
  }
}
