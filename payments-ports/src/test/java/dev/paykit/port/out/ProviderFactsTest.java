package dev.paykit.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.paykit.domain.ValidationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProviderFactsTest {

  @Test
  void keeps_a_positive_key_memory() {
    assertThat(new ProviderFacts(Duration.ofHours(23)).idempotencyKeyMemory())
        .isEqualTo(Duration.ofHours(23));
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1})
  void refuses_a_key_memory_that_is_not_positive_naming_the_field(long seconds) {
    ValidationException e =
        catchThrowableOfType(
            () -> new ProviderFacts(Duration.ofSeconds(seconds)), ValidationException.class);

    assertThat(e.field()).isEqualTo("idempotencyKeyMemory");
    assertThat(e.rule()).isEqualTo("not_positive");
  }

  @Test
  void requires_a_key_memory() {
    assertThatNullPointerException()
        .isThrownBy(() -> new ProviderFacts(null))
        .withMessage("idempotencyKeyMemory");
  }
}
