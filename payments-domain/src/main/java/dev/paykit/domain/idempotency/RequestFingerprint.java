package dev.paykit.domain.idempotency;

import dev.paykit.domain.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A SHA-256 over the canonical form of a request: its fields sorted by name, each name and value
 * length-prefixed. Two requests with the same fields in any order have the same fingerprint; any
 * changed, added or removed field changes it.
 */
public record RequestFingerprint(String sha256Hex) {

  public RequestFingerprint {
    Objects.requireNonNull(sha256Hex, "sha256Hex");
    if (!isLowercaseHex64(sha256Hex)) {
      throw new ValidationException(
          "fingerprint", "malformed", "must be 64 lowercase hex characters");
    }
  }

  /** The fingerprint of a request given as field name to value; a null value is "absent". */
  public static RequestFingerprint of(Map<String, String> fields) {
    TreeMap<String, String> sorted = new TreeMap<>();
    fields.forEach(
        (name, value) -> {
          if (value != null) {
            sorted.put(Objects.requireNonNull(name, "field name"), value);
          }
        });
    String[] parts = new String[sorted.size() * 2];
    int i = 0;
    for (Map.Entry<String, String> field : sorted.entrySet()) {
      parts[i++] = field.getKey();
      parts[i++] = field.getValue();
    }
    return new RequestFingerprint(
        Sha256.hex(Canonical.encode(parts).getBytes(StandardCharsets.UTF_8)));
  }

  /** {@code [0-9a-f]{64}}, checked by hand: every digest is checked, and a regex costs more. */
  private static boolean isLowercaseHex64(String text) {
    if (text.length() != 64) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
        return false;
      }
    }
    return true;
  }
}
