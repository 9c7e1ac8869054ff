package dev.paykit.inbound.webhook;

import dev.paykit.port.shared.LogText;

/**
 * Makes a value that came with a request fit for a log line: escaped by {@link LogText} (a forged
 * {@code webhook-id} of {@code "evt\nINFO admin logged in"} cannot start a line of its own), and
 * cut short first, so that a huge header cannot flood the log.
 */
final class LogSafe {
  static final int MAX_CHARS = 100;

  private LogSafe() {}

  static String text(String value) {
    if (value == null) {
      return "(none)";
    }
    if (value.length() <= MAX_CHARS) {
      return LogText.escape(value);
    }
    return LogText.escape(value.substring(0, MAX_CHARS)) + "...(" + value.length() + " chars)";
  }
}
