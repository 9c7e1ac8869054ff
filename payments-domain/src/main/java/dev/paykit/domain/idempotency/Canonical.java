package dev.paykit.domain.idempotency;

import java.util.HexFormat;

/**
 * Length-prefixed encoding: {@code ["a|b"]} and {@code ["a", "b"]} encode differently, so no two
 * different inputs hash alike because of where a separator fell.
 *
 * <p>The result is hashed as UTF-8, which turns a lone surrogate into {@code ?}; such a part is
 * encoded as the hex of its UTF-16 code units behind a {@code !} marker instead, so that a lone
 * U+D800 and a {@code ?} still differ. Well-formed parts never take that path, so their encoding
 * (and every fingerprint and derived key made of them) stays as it was.
 */
final class Canonical {
  private Canonical() {}

  static String encode(String... parts) {
    int length = 0;
    for (String part : parts) {
      length += part.length() + 8;
    }
    StringBuilder out = new StringBuilder(length);
    for (String part : parts) {
      if (isWellFormed(part)) {
        out.append(part.length()).append(':').append(part).append(';');
      } else {
        // Char by char: every charset encoder would replace the lone surrogate too.
        out.append(part.length() * 4).append('!');
        for (int i = 0; i < part.length(); i++) {
          out.append(HexFormat.of().toHexDigits(part.charAt(i)));
        }
        out.append(';');
      }
    }
    return out.toString();
  }

  /**
   * Whether UTF-8 can encode the text, which is whether every surrogate is half of a pair: the same
   * answer as {@code CharsetEncoder.canEncode}, without building an encoder for each part.
   */
  private static boolean isWellFormed(String part) {
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < part.length()
          && Character.isLowSurrogate(part.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
