package dev.paykit.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.paykit.adapter.http.ProviderJson.UnreadableJsonException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The provider's answers as {@link ProviderJson} reads them for the gateway: a payment, a refund, a
 * page of payments, or an {@link UnreadableJsonException} (which the gateway turns into an unknown
 * outcome), within {@link FuzzTime#PER_INPUT}; an error body is read whatever it holds. The first
 * byte picks the answer's kind, the rest is its body. Seeds: {@code ProviderJsonFuzzTestInputs}.
 */
class ProviderJsonFuzzTest {
  private final ProviderJson json = new ProviderJson();

  @FuzzTest
  @DictionaryFile(resourcePath = "provider-json.dict")
  void reads_an_answer_or_fails_with_the_typed_error(byte[] input) {
    if (input.length > 0) {
      FuzzTime.bounded(() -> read(input[0], Arrays.copyOfRange(input, 1, input.length)));
    }
  }

  /** What {@code body} reads as, of the kind {@code kind} picks, or empty if it is unreadable. */
  private Optional<Object> read(byte kind, byte[] body) {
    assertThat(json.error(body)).isNotNull();
    try {
      JsonNode node = json.readObject(body);
      return Optional.of(
          switch (Math.floorMod(kind, 3)) {
            case 0 -> json.payment(node, "");
            case 1 -> json.refund(node, "");
            default -> json.page(node);
          });
    } catch (UnreadableJsonException e) {
      assertThat(e.getMessage().chars().noneMatch(Character::isISOControl)).isTrue();
      return Optional.empty();
    }
  }
}
