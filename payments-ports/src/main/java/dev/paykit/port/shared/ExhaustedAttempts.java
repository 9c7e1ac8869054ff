package dev.paykit.port.shared;

/**
 * Why a store dead-letters an inbox event or an outbox delivery at a claim: its attempts were used
 * up and none of them was settled, so the last error recorded, if any, is an earlier attempt's.
 */
final class ExhaustedAttempts {
  private ExhaustedAttempts() {}

  static String why(int attempts, String lastError) {
    String why =
        "given up when claimed again: all "
            + attempts
            + " attempts were used and the outcome of the last one was never recorded";
    return lastError == null ? why : why + "; last recorded error: " + lastError;
  }
}
