package dev.paykit.domain.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.paykit.domain.FuzzChecks;

/**
 * {@link IdempotencyKey#of} and {@link IdempotencyKey#derive} on any text: a key or a typed error;
 * a key is always 1–255 printable ASCII without surrounding spaces, and deriving is a pure function
 * of the parts. Seeds: {@code IdempotencyKeyFuzzTestInputs}.
 */
class IdempotencyKeyFuzzTest {

  @FuzzTest
  void gives_a_printable_key_or_a_typed_error(FuzzedDataProvider data) {
    String[] parts = new String[data.consumeInt(0, 4)];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = data.consumeString(1100);
    }
    String value = data.consumeRemainingAsString();

    FuzzChecks.valueOrTypedError(() -> IdempotencyKey.of(value))
        .ifPresent(
            key -> {
              assertThat(key.value()).isEqualTo(value).matches("[ -~]{1,255}");
              assertThat(key.value()).isEqualTo(key.value().strip());
            });
    FuzzChecks.valueOrTypedError(() -> IdempotencyKey.derive(parts))
        .ifPresent(
            key -> {
              assertThat(key.value()).matches("pk_[0-9a-f]{64}");
              assertThat(IdempotencyKey.derive(parts.clone())).isEqualTo(key);
            });
  }
}
