package dev.paykit.port.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
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

  @Test
  void a_replacement_character_that_was_sent_is_well_formed() {
    byte[] bytes = "before \uFFFD after".getBytes(StandardCharsets.UTF_8);

    assertThat(Utf8.strictly(bytes)).hasValue("before \uFFFD after");
  }

  @Test
  void random_bytes_are_refused_exactly_when_a_reporting_decoder_refuses_them() {
    Random random = new Random(20261202L);
    CharsetDecoder reporting =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    int refused = 0;
    for (int i = 0; i < 200_000; i++) {
      byte[] bytes = new byte[1 + random.nextInt(6)];
      for (int j = 0; j < bytes.length; j++) {
        // Mostly the lead and continuation bytes of multi-byte sequences, where the edge cases are.
        bytes[j] =
            (byte) (random.nextInt(4) == 0 ? random.nextInt(128) : 0x80 + random.nextInt(128));
      }
      Optional<String> expected;
      try {
        expected = Optional.of(reporting.decode(ByteBuffer.wrap(bytes)).toString());
      } catch (CharacterCodingException e) {
        expected = Optional.empty();
        refused++;
      }

      assertThat(Utf8.strictly(bytes))
          .as(() -> HexFormat.of().formatHex(bytes))
          .isEqualTo(expected);
    }
    assertThat(refused).as("the sample holds both kinds").isBetween(1_000, 199_000);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void malformed_utf8_is_refused_instead_of_replaced(String what, byte[] bytes) {
    assertThat(Utf8.strictly(bytes)).isEmpty();
  }
}
