package dev.paykit.domain.idempotency;

import java.nio.charset.StandardCharsets;
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
    StringBuilder out = new StringBuilder();
    for (String part : parts) {
      if (StandardCharsets.UTF_8.newEncoder().canEncode(part)) {
        out.append(part.length()).append(':').append(part).append(';');
      } else {
        // Char by char: every charset encoder would replace the lone surrogate too.
        StringBuilder hex = new StringBuilder(part.length() * 4);
        for (int i = 0; i < part.length(); i++) {
          hex.append(HexFormat.of().toHexDigits(part.charAt(i)));
        }
        out.append(hex.length()).append('!').append(hex).append(';');
      }
    }
    return out.toString();
  }
}
