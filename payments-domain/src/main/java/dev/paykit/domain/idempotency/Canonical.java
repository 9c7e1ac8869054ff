package dev.paykit.domain.idempotency;

/**
 * Length-prefixed encoding: {@code ["a|b"]} and {@code ["a", "b"]} encode differently, so no two
 * different inputs hash alike because of where a separator fell.
 */
final class Canonical {
  private Canonical() {}

  static String encode(String... parts) {
    StringBuilder out = new StringBuilder();
    for (String part : parts) {
      out.append(part.length()).append(':').append(part).append(';');
    }
    return out.toString();
  }
}
