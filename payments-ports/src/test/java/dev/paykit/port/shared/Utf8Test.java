package dev.paykit.port.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8Test {

  @ParameterizedTest
  @ValueSource(strings = {"", "{\"a\": 1}", "ünïcödé 東京 \uD83D\uDCB3", "nul \u0000 is UTF-8 too"})
  void well_formed_utf8_is_read_as_exactly_its_bytes(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

    assertThat(Utf8.strictly(bytes)).hasValue(text);
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("overlong NUL", new byte[] {'a', (byte) 0xC0, (byte) 0x80}),
        Arguments.of("overlong slash", new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}),
        Arguments.of("CESU-8 surrogate", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0xBD}),
        Arguments.of("lone continuation byte", new byte[] {(byte) 0x80}),
        Arguments.of("truncated sequence", new byte[] {'a', (byte) 0xE2, (byte) 0x82}),
        Arguments.of("UTF-16 byte order mark", new byte[] {(byte) 0xFF, (byte) 0xFE, 'a', 0}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void malformed_utf8_is_refused_instead_of_replaced(String what, byte[] bytes) {
    assertThat(Utf8.strictly(bytes)).isEmpty();
  }
}
