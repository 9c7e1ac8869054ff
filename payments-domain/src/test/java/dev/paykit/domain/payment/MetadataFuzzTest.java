package dev.paykit.domain.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.paykit.domain.FuzzChecks;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link Metadata#of} on any entries: metadata within its limits, equal to what was given, or a
 * typed error that never echoes a key. Seeds: {@code MetadataFuzzTestInputs}.
 */
class MetadataFuzzTest {

  @FuzzTest
  void gives_metadata_within_its_limits_or_a_typed_error(FuzzedDataProvider data) {
    Map<String, String> entries = new LinkedHashMap<>();
    int count = data.consumeInt(0, 24);
    for (int i = 0; i < count && data.remainingBytes() > 0; i++) {
      entries.put(data.consumeString(48), data.consumeString(520));
    }

    FuzzChecks.valueOrTypedError(() -> Metadata.of(entries))
        .ifPresent(
            metadata -> {
              assertThat(metadata.entries()).isEqualTo(entries).hasSizeLessThanOrEqualTo(20);
              metadata
                  .entries()
                  .forEach(
                      (key, value) -> {
                        assertThat(key).hasSizeBetween(1, 40);
                        assertThat(value).hasSizeLessThanOrEqualTo(500);
                        assertThat((key + value).chars().noneMatch(Character::isISOControl))
                            .isTrue();
                      });
            });
  }
}
