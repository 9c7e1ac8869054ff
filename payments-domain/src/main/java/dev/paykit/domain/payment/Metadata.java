package dev.paykit.domain.payment;

import dev.paykit.domain.Require;
import dev.paykit.domain.ValidationException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * String key-value pairs the merchant attaches to a payment: at most 20 keys, each key 1–40
 * characters, each value at most 500. Kept sorted so that equal metadata reads and hashes alike.
 */
public record Metadata(Map<String, String> entries) {
  public static final int MAX_KEYS = 20;
  public static final int MAX_KEY_LENGTH = 40;
  public static final int MAX_VALUE_LENGTH = 500;

  public Metadata {
    Require.present("metadata", entries);
    if (entries.size() > MAX_KEYS) {
      throw new ValidationException(
          "metadata",
          "too_many_keys",
          "must have at most " + MAX_KEYS + " keys, has " + entries.size());
    }
    TreeMap<String, String> sorted = new TreeMap<>();
    entries.forEach(
        (key, value) -> {
          if (key == null) {
            throw new ValidationException("metadata", "null_key", "keys must not be null");
          }
          requireKey(key);
          Require.present("metadata." + key, value);
          Require.text("metadata." + key, value, 0, MAX_VALUE_LENGTH);
          sorted.put(key, value);
        });
    entries = Collections.unmodifiableMap(sorted);
  }

  /**
   * The field named is {@code metadata}, never the key: a key that breaks a rule may hold anything,
   * and the error reaches an HTTP answer and a log line.
   */
  private static void requireKey(String key) {
    try {
      Require.text("metadata", key, 1, MAX_KEY_LENGTH);
    } catch (ValidationException e) {
      String problem =
          switch (e.rule()) {
            case "required" -> "keys must not be empty";
            case "too_long" ->
                "keys must have at most " + MAX_KEY_LENGTH + " characters, one has " + key.length();
            default -> "keys must not contain control characters";
          };
      throw new ValidationException("metadata", e.rule(), problem);
    }
  }

  public static Metadata empty() {
    return new Metadata(Map.of());
  }

  public static Metadata of(Map<String, String> entries) {
    return new Metadata(entries);
  }
}
