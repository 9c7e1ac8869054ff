package dev.paykit.port.shared;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Strict UTF-8, for a body whose text must be exactly its bytes (a signed webhook is stored as text
 * and verified again later). {@code new String(bytes, UTF_8)} turns every malformed sequence
 * (overlong, CESU-8 surrogates, truncated) into U+FFFD, and the text is then another text.
 */
public final class Utf8 {
  private Utf8() {}

  /** The text of {@code bytes} if they are well-formed UTF-8, else empty. */
  public static Optional<String> strictly(byte[] bytes) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
