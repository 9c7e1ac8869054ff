package dev.paykit.domain.money;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.paykit.domain.FuzzChecks;

/**
 * {@link Money#parse} on any text: a Money or a typed error, within {@link FuzzChecks#PER_INPUT},
 * and a Money only for plain ASCII decimals that it prints back exactly. Seeds: {@code
 * MoneyFuzzTestInputs}.
 */
class MoneyFuzzTest {
  private static final String[] CURRENCIES = {"EUR", "JPY", "BHD", "CLF", "HUF", "eur", "XXX", "E"};

  @FuzzTest
  void parse_gives_an_exact_money_or_a_typed_error(FuzzedDataProvider data) {
    String code = data.consumeBoolean() ? data.pickValue(CURRENCIES) : data.consumeString(8);
    String decimal = data.consumeRemainingAsString();

    FuzzChecks.valueOrTypedError(() -> Money.parse(decimal, code))
        .ifPresent(
            money -> {
              assertThat(decimal.strip()).matches("[+-]?[0-9]*\\.?[0-9]*");
              assertThat(Money.parse(money.toDecimal().toPlainString(), code)).isEqualTo(money);
            });
  }
}
