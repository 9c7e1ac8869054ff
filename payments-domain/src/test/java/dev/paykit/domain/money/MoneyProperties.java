package dev.paykit.domain.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paykit.domain.ValidationException;
import java.util.Currency;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

class MoneyProperties {

  /** One currency for every number of minor digits the ISO list has. */
  @Provide
  Arbitrary<Currency> currencies() {
    return Arbitraries.of("JPY", "EUR", "HUF", "BHD", "CLF").map(Currency::getInstance);
  }

  record Pair(Money a, Money b) {}

  @Provide
  Arbitrary<Pair> pairsThatFit() {
    return currencies()
        .flatMap(
            currency ->
                Arbitraries.longs()
                    .between(0, Long.MAX_VALUE)
                    .flatMap(
                        a ->
                            Arbitraries.longs()
                                .between(0, Long.MAX_VALUE - a)
                                .map(
                                    b ->
                                        new Pair(new Money(a, currency), new Money(b, currency)))));
  }

  @Property
  void minus_undoes_plus(@ForAll("pairsThatFit") Pair pair) {
    Money a = pair.a();
    Money b = pair.b();

    Money sum = a.plus(b);

    assertThat(sum.minus(b)).isEqualTo(a);
    assertThat(sum.minus(a)).isEqualTo(b);
    assertThat(sum).isEqualTo(b.plus(a));
  }

  @Property
  void plus_either_fits_exactly_or_fails_with_overflow(
      @ForAll("currencies") Currency currency,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long a,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long b) {
    Money x = new Money(a, currency);
    Money y = new Money(b, currency);
    boolean fits = a <= Long.MAX_VALUE - b;

    if (fits) {
      assertThat(x.plus(y).minorUnits()).isEqualTo(a + b);
    } else {
      assertThatThrownBy(() -> x.plus(y))
          .isInstanceOfSatisfying(
              ValidationException.class, e -> assertThat(e.rule()).isEqualTo("overflow"));
    }
  }

  @Property
  void parse_reads_back_what_to_string_prints(
      @ForAll("currencies") Currency currency,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long minorUnits) {
    Money money = new Money(minorUnits, currency);
    String[] printed = money.toString().split(" ");

    assertThat(printed[1]).isEqualTo(currency.getCurrencyCode());
    assertThat(printed[0]).doesNotContain("E");
    assertThat(Money.parse(printed[0], printed[1])).isEqualTo(money);
  }

  @Property
  void printed_amounts_have_exactly_the_currency_digits(
      @ForAll("currencies") Currency currency,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long minorUnits) {
    String decimal = new Money(minorUnits, currency).toString().split(" ")[0];
    int digits = currency.getDefaultFractionDigits();

    int fraction = decimal.contains(".") ? decimal.length() - decimal.indexOf('.') - 1 : 0;
    assertThat(fraction).isEqualTo(digits);
  }

  @Property
  void compare_to_agrees_with_minor_units(@ForAll("pairsThatFit") Pair pair) {
    assertThat(Integer.signum(pair.a().compareTo(pair.b())))
        .isEqualTo(Long.signum(pair.a().minorUnits() - pair.b().minorUnits()));
  }

  @Provide
  Arbitrary<String> decimalsWithOneDigitTooMany() {
    return Combinators.combine(
            currencies(),
            Arbitraries.longs().between(0, 1_000_000),
            Arbitraries.integers().between(1, 9))
        .as(
            (currency, whole, lastDigit) -> {
              int digits = currency.getDefaultFractionDigits();
              return whole
                  + "."
                  + "0".repeat(digits)
                  + lastDigit
                  + " "
                  + currency.getCurrencyCode();
            });
  }

  @Property
  void parse_never_rounds_away_a_digit(@ForAll("decimalsWithOneDigitTooMany") String input) {
    String[] parts = input.split(" ");

    assertThatThrownBy(() -> Money.parse(parts[0], parts[1]))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.rule()).isEqualTo("too_many_decimals"));
  }
}
