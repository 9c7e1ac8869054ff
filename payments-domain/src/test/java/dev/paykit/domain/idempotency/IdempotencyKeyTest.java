package dev.paykit.domain.idempotency;

import static dev.paykit.domain.ValidationAssert.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyKeyTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "k",
        "order-8812:attempt-1",
        "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
        "with inner space",
        "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
      })
  void accepts_printable_ascii(String value) {
    assertThat(IdempotencyKey.of(value).value()).isEqualTo(value);
  }

  @Test
  void accepts_255_characters() {
    assertThat(IdempotencyKey.of("k".repeat(255)).value()).hasSize(255);
  }

  @Test
  void rejects_256_characters_naming_the_limit() {
    var e = assertRejected(() -> IdempotencyKey.of("k".repeat(256)), "idempotencyKey", "too_long");
    assertThat(e.getMessage()).contains("at most 255");
  }

  @ParameterizedTest
  @NullAndEmptySource
  void rejects_a_missing_key(String value) {
    assertRejected(() -> IdempotencyKey.of(value), "idempotencyKey", "required");
  }

  @ParameterizedTest
  @ValueSource(strings = {"schlüssel", "key€", "key\u00a0"})
  void rejects_non_ascii(String value) {
    assertRejected(() -> IdempotencyKey.of(value), "idempotencyKey", "not_printable_ascii");
  }

  @ParameterizedTest
  @ValueSource(strings = {"key\n", "k\tey", "\u007fkey"})
  void rejects_control_characters(String value) {
    assertRejected(() -> IdempotencyKey.of(value), "idempotencyKey", "control_character");
  }

  @ParameterizedTest
  @ValueSource(strings = {" key", "key ", " "})
  void rejects_surrounding_spaces_that_a_header_would_lose(String value) {
    assertRejected(() -> IdempotencyKey.of(value), "idempotencyKey", "surrounding_whitespace");
  }

  @Test
  void derives_the_same_key_from_the_same_parts() {
    IdempotencyKey once = IdempotencyKey.derive("user-7", "order-8812", "attempt-1");
    IdempotencyKey again = IdempotencyKey.derive("user-7", "order-8812", "attempt-1");

    assertThat(once).isEqualTo(again);
  }

  @Test
  void derives_a_known_value_so_that_keys_survive_a_restart_or_an_upgrade() {
    // A retry after a crash or a deployment must compute the very same key again.
    assertThat(IdempotencyKey.derive("user-7", "order-8812", "attempt-1").value())
        .isEqualTo("pk_9bc3b53f0e17c420ae800d6788cbfdce79defa0ce0a7764c782bb7c6c0bc27fa");
  }

  @Test
  void derives_a_valid_key_that_reveals_none_of_the_parts() {
    IdempotencyKey key = IdempotencyKey.derive("alice@example.com", "order-8812");

    assertThat(key.value())
        .matches("pk_[0-9a-f]{64}")
        .doesNotContain("alice")
        .doesNotContain("8812");
  }

  @Test
  void a_new_attempt_gets_a_new_key() {
    assertThat(IdempotencyKey.derive("user-7", "order-8812", "attempt-2"))
        .isNotEqualTo(IdempotencyKey.derive("user-7", "order-8812", "attempt-1"));
  }

  @Test
  void where_the_parts_split_matters() {
    assertThat(IdempotencyKey.derive("ab", "c")).isNotEqualTo(IdempotencyKey.derive("a", "bc"));
    assertThat(IdempotencyKey.derive("a|b")).isNotEqualTo(IdempotencyKey.derive("a", "b"));
    assertThat(IdempotencyKey.derive("1:a;", "b")).isNotEqualTo(IdempotencyKey.derive("1:a;1:b;"));
  }

  @Test
  void the_order_of_the_parts_matters() {
    assertThat(IdempotencyKey.derive("a", "b")).isNotEqualTo(IdempotencyKey.derive("b", "a"));
  }

  @Test
  void a_lone_surrogate_is_not_confused_with_a_question_mark() {
    // UTF-8 encoding replaces a lone surrogate with '?': two different inputs, one hash.
    assertThat(IdempotencyKey.derive("order-\uD800"))
        .isNotEqualTo(IdempotencyKey.derive("order-?"));
  }

  @Test
  void derive_needs_at_least_one_part() {
    assertRejected(() -> IdempotencyKey.derive(), "parts", "required");
    assertRejected(() -> IdempotencyKey.derive((String[]) null), "parts", "required");
  }

  @Test
  void derive_names_the_bad_part() {
    assertRejected(() -> IdempotencyKey.derive("user-7", ""), "parts[1]", "required");
    assertRejected(() -> IdempotencyKey.derive("user-7", null), "parts[1]", "required");
    assertRejected(() -> IdempotencyKey.derive("x".repeat(1001)), "parts[0]", "too_long");
    assertRejected(() -> IdempotencyKey.derive("a", "b", "c\n"), "parts[2]", "control_character");
  }

  @Test
  void accepts_unicode_parts_of_up_to_1000_characters() {
    assertThat(IdempotencyKey.derive("Bestellung-ü", "x".repeat(1000)).value()).startsWith("pk_");
  }
}
