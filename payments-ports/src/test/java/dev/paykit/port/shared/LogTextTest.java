package dev.paykit.port.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogTextTest {

  @Test
  void a_line_break_cannot_start_a_new_log_line() {
    String forged = "rf_1\n2026-11-24 ERROR dev.paykit.events payment.anomaly paymentId=pay_1";

    String escaped = LogText.escape(forged);

    assertThat(escaped)
        .doesNotContain("\n")
        .isEqualTo("rf_1\\n2026-11-24 ERROR dev.paykit.events payment.anomaly paymentId=pay_1");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "carriage return | a\rb | a\\rb",
        "tab | a\tb | a\\tb",
        "quote ending a key=\"value\" pair | a\" level=\"ERROR | a\\\" level=\\\"ERROR",
        "backslash, so an escape cannot be faked | a\\nb | a\\\\nb",
        "NUL | a\u0000b | a\\u0000b",
        "escape starting a terminal sequence | a\u001b[31mb | a\\u001b[31mb",
        "next line (C1) | a\u0085b | a\\u0085b",
        "line separator | a\u2028b | a\\u2028b",
        "paragraph separator | a\u2029b | a\\u2029b",
        "right-to-left override | a\u202eb | a\\u202eb",
        "zero width space is a format character | a\u200bb | a\\u200bb"
      })
  void escapes_what_could_break_or_disguise_a_line(String what, String value, String escaped) {
    assertThat(LogText.escape(value)).isEqualTo(escaped);
  }

  @Test
  void a_lone_surrogate_is_escaped_and_a_pair_is_kept() {
    assertThat(LogText.escape("a\ud800b")).isEqualTo("a\\ud800b");
    assertThat(LogText.escape("a\udc00")).isEqualTo("a\\udc00");
    assertThat(LogText.escape("pay \ud83d\udcb3")).isEqualTo("pay \ud83d\udcb3");
  }

  @Test
  void a_supplementary_format_character_is_escaped_as_its_two_halves() {
    String languageTag = new String(Character.toChars(0xE0001));

    assertThat(LogText.escape("a" + languageTag)).isEqualTo("a\\udb40\\udc01");
  }

  @Test
  void ordinary_text_is_kept_as_it_is() {
    String text = "evt_1 tx_2 order-8812 10.50 EUR ünïcödé 東京 -_.:/?=&";

    assertThat(LogText.escape(text)).isSameAs(text);
  }

  @Test
  void any_value_is_logged_by_its_text_and_null_as_null() {
    assertThat(LogText.escape(42)).isEqualTo("42");
    assertThat(LogText.escape(null)).isEqualTo("null");
  }
}
