package dev.paykit.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class ValidationExceptionTest {

  @Test
  void names_the_field_and_the_rule_and_prefixes_the_message_with_the_field() {
    var e = new ValidationException("amount.value", "below_minimum", "must be at least 0.50 EUR");

    assertThat(e.field()).isEqualTo("amount.value");
    assertThat(e.rule()).isEqualTo("below_minimum");
    assertThat(e).hasMessage("amount.value: must be at least 0.50 EUR");
  }

  @Test
  void is_unchecked_so_that_value_objects_can_throw_it_from_constructors() {
    assertThat(new ValidationException("f", "r", "m")).isInstanceOf(RuntimeException.class);
  }

  @Test
  void requires_a_field_and_a_rule() {
    assertThatNullPointerException().isThrownBy(() -> new ValidationException(null, "r", "m"));
    assertThatNullPointerException().isThrownBy(() -> new ValidationException("f", null, "m"));
  }
}
