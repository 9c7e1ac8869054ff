package dev.paykit.domain;

/** The field checks every value object shares, each failing with a {@link ValidationException}. */
public final class Require {
  private Require() {}

  public static <T> T present(String field, T value) {
    if (value == null) {
      throw new ValidationException(field, "required", "is required");
    }
    return value;
  }

  /** A string of {@code min..max} characters with no control characters. */
  public static String text(String field, String value, int min, int max) {
    present(field, value);
    if (value.length() < min) {
      throw new ValidationException(
          field,
          min == 1 ? "required" : "too_short",
          min == 1 ? "must not be empty" : "must have at least " + min + " characters");
    }
    if (value.length() > max) {
      throw new ValidationException(
          field, "too_long", "must have at most " + max + " characters, has " + value.length());
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new ValidationException(
            field, "control_character", "must not contain control characters (at index " + i + ")");
      }
    }
    return value;
  }

  /** A string of {@code min..max} printable ASCII characters (0x20 to 0x7E). */
  public static String printableAscii(String field, String value, int min, int max) {
    text(field, value, min, max);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        throw new ValidationException(
            field,
            "not_printable_ascii",
            "must be printable ASCII (bad character at index " + i + ")");
      }
    }
    return value;
  }
}
