package dev.paykit.port.shared;

/**
 * Makes a value safe to put in a log line. Ids, error codes and details can come from a provider's
 * answer or a signed webhook, so a value may hold a line break that would start a forged log line,
 * or a quote that would end a {@code key="value"} pair early. Every adapter that logs such a value
 * passes it through {@link #escape} first.
 */
public final class LogText {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private LogText() {}

  /**
   * The value's text with {@code \n}, {@code \r} and {@code \t} written as those two-character
   * escapes, a backslash and a double quote preceded by a backslash, and every other control or
   * format character, line or paragraph separator and lone surrogate written as {@code \}{@code
   * uXXXX}. The result is one line, and reading the escapes back gives the original text. {@code
   * null} gives {@code "null"}.
   */
  public static String escape(Object value) {
    String text = String.valueOf(value);
    int first = firstToEscape(text);
    if (first < 0) {
      return text;
    }
    StringBuilder escaped = new StringBuilder(text.length() + 16).append(text, 0, first);
    for (int i = first; i < text.length(); ) {
      int c = text.codePointAt(i);
      int length = Character.charCount(c);
      if (!needsEscape(c)) {
        escaped.appendCodePoint(c);
      } else if (c == '\n') {
        escaped.append("\\n");
      } else if (c == '\r') {
        escaped.append("\\r");
      } else if (c == '\t') {
        escaped.append("\\t");
      } else if (c == '\\' || c == '"') {
        escaped.append('\\').append((char) c);
      } else {
        for (int j = i; j < i + length; j++) {
          unicodeEscape(escaped, text.charAt(j));
        }
      }
      i += length;
    }
    return escaped.toString();
  }

  private static int firstToEscape(String text) {
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      if (needsEscape(c)) {
        return i;
      }
      i += Character.charCount(c);
    }
    return -1;
  }

  /** A lone surrogate reads as a code point of type {@code SURROGATE}: it is escaped too. */
  private static boolean needsEscape(int c) {
    if (c == '\\' || c == '"') {
      return true;
    }
    switch (Character.getType(c)) {
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
      case Character.SURROGATE:
        return true;
      default:
        return false;
    }
  }

  private static void unicodeEscape(StringBuilder escaped, char c) {
    escaped
        .append("\\u")
        .append(HEX[(c >> 12) & 0xF])
        .append(HEX[(c >> 8) & 0xF])
        .append(HEX[(c >> 4) & 0xF])
        .append(HEX[c & 0xF]);
  }
}
