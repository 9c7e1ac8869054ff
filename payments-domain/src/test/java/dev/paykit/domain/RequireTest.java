package dev.paykit.domain;

import static dev.paykit.domain.ValidationAssert.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequireTest {

  @Test
  void present_returns_the_value() {
    Object value = new Object();
    assertThat(Require.present("field", value)).isSameAs(value);
  }

  @Test
  void present_rejects_null_as_required() {
    var e = assertRejected(() -> Require.present("payment.id", null), "payment.id", "required");
    assertThat(e).hasMessage("payment.id: is required");
  }

  @Test
  void text_accepts_lengths_at_both_bounds() {
    assertThat(Require.text("f", "ab", 2, 3)).isEqualTo("ab");
    assertThat(Require.text("f", "abc", 2, 3)).isEqualTo("abc");
  }

  @Test
  void text_rejects_null_as_required() {
    assertRejected(() -> Require.text("name", null, 0, 3), "name", "required");
  }

  @Test
  void text_rejects_an_empty_string_as_required_when_at_least_one_character_is_needed() {
    var e = assertRejected(() -> Require.text("name", "", 1, 3), "name", "required");
    assertThat(e.getMessage()).contains("must not be empty");
  }

  @Test
  void text_rejects_too_short_text_naming_the_minimum() {
    var e = assertRejected(() -> Require.text("name", "a", 2, 3), "name", "too_short");
    assertThat(e.getMessage()).contains("at least 2");
  }

  @Test
  void text_accepts_empty_text_when_the_minimum_is_zero() {
    assertThat(Require.text("name", "", 0, 3)).isEmpty();
  }

  @Test
  void text_rejects_too_long_text_naming_the_limit_and_the_length() {
    var e = assertRejected(() -> Require.text("name", "abcd", 1, 3), "name", "too_long");
    assertThat(e.getMessage()).contains("at most 3").contains("has 4");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\nb", "a\tb", "\u0000", "a\u007f", "a\u0085"})
  void text_rejects_control_characters(String value) {
    assertRejected(() -> Require.text("name", value, 0, 10), "name", "control_character");
  }

  @Test
  void text_allows_non_ascii_letters() {
    assertThat(Require.text("name", "Árvíztűrő", 1, 20)).isEqualTo("Árvíztűrő");
  }

  @ParameterizedTest
  @ValueSource(strings = {" ", "~", "abc XYZ 0-9 !#$%&'()*+,./:;<=>?@[\\]^_`{|}"})
  void printable_ascii_accepts_space_to_tilde(String value) {
    assertThat(Require.printableAscii("key", value, 1, 100)).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"é", "a\u00a0b", "€", "日本"})
  void printable_ascii_rejects_non_ascii_characters(String value) {
    var e =
        assertRejected(
            () -> Require.printableAscii("key", value, 1, 100), "key", "not_printable_ascii");
    assertThat(e.getMessage()).contains("index");
  }

  @Test
  void printable_ascii_applies_the_length_and_control_character_rules_too() {
    assertRejected(() -> Require.printableAscii("key", "", 1, 3), "key", "required");
    assertRejected(() -> Require.printableAscii("key", "abcd", 1, 3), "key", "too_long");
    assertRejected(() -> Require.printableAscii("key", "a\rb", 1, 3), "key", "control_character");
  }
}
