package dev.paykit.adapter.http;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The API's timestamps, exactly as {@link Instant#parse} reads them, at a fraction of its cost for
 * the form the API sends ({@code 2026-03-02T10:15:30Z}, optionally with 1 to 9 fraction digits).
 *
 * <p>{@code Instant.parse} builds a new formatter for every call (its instant parser composes one
 * per parse), which made it over a third of a webhook receipt's CPU samples, 4 timestamps an event;
 * the JDK's other ISO parsers cost as much. A text of exactly that form, whose fields {@link
 * LocalDateTime#of} accepts, is read here; every other text (an offset, a leap second, lower-case
 * separators, an empty fraction, a field out of range, anything malformed) goes to {@code
 * Instant.parse}, which accepts it or throws its own exception, so the result is always {@code
 * Instant.parse}'s.
 */
final class UtcTimestamps {
  private static final int SECONDS_END = 19;

  private UtcTimestamps() {}

  /**
   * @throws DateTimeParseException as {@link Instant#parse} does
   */
  static Instant parse(String text) {
    Instant fast = commonForm(text);
    return fast != null ? fast : Instant.parse(text);
  }

  /** The instant of {@code uuuu-MM-ddTHH:mm:ss[.f{1,9}]Z}, or null for any other text. */
  private static Instant commonForm(String text) {
    int length = text.length();
    if (length < SECONDS_END + 1
        || text.charAt(length - 1) != 'Z'
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':') {
      return null;
    }
    int nanos = 0;
    if (length > SECONDS_END + 1) {
      int digits = length - SECONDS_END - 2;
      if (text.charAt(SECONDS_END) != '.' || digits < 1 || digits > 9) {
        return null;
      }
      nanos = digits(text, SECONDS_END + 1, length - 1);
      if (nanos < 0) {
        return null;
      }
      for (int i = digits; i < 9; i++) {
        nanos *= 10;
      }
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    int hour = digits(text, 11, 13);
    int minute = digits(text, 14, 16);
    int second = digits(text, 17, SECONDS_END);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
          .toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The value of the ASCII digits in {@code [from, to)}, or -1 if any is not one. */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
