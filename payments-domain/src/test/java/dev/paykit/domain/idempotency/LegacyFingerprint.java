package dev.paykit.domain.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The canonical encoding and the digest as they were before they were made fast (a new UTF-8
 * encoder per part, a digest look-up per call), kept unchanged so that properties can prove the
 * fast ones give the same value for every input: stored keys compare fingerprints across versions.
 */
final class LegacyFingerprint {
  private LegacyFingerprint() {}

  /**
   * The fields sorted by name, absent (null) ones left out, then name and value in turn: the rule
   * {@code RequestFingerprint.of} follows, restated here so that the two do not share its code.
   */
  static String of(Map<String, String> fields) {
    String[] parts =
        fields.entrySet().stream()
            .filter(field -> field.getValue() != null)
            .sorted(Map.Entry.comparingByKey())
            .flatMap(field -> Stream.of(field.getKey(), field.getValue()))
            .toArray(String[]::new);
    return sha256Hex(encode(parts).getBytes(StandardCharsets.UTF_8));
  }

  static String derive(String... parts) {
    return "pk_" + sha256Hex(encode(parts).getBytes(StandardCharsets.UTF_8));
  }

  static String encode(String... parts) {
    StringBuilder out = new StringBuilder();
    for (String part : parts) {
      if (StandardCharsets.UTF_8.newEncoder().canEncode(part)) {
        out.append(part.length()).append(':').append(part).append(';');
      } else {
        StringBuilder hex = new StringBuilder(part.length() * 4);
        for (int i = 0; i < part.length(); i++) {
          hex.append(HexFormat.of().toHexDigits(part.charAt(i)));
        }
        out.append(hex.length()).append('!').append(hex).append(';');
      }
    }
    return out.toString();
  }

  private static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
