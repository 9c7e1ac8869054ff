package dev.paykit.sandbox;

import java.security.SecureRandom;

/** Random identifiers: {@code tx_}, {@code rf_}, {@code evt_}, {@code req_}, tokens. */
final class Ids {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

  private Ids() {}

  static byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  static String random(String prefix, int length) {
    StringBuilder sb = new StringBuilder(prefix.length() + length).append(prefix);
    for (int i = 0; i < length; i++) {
      sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    return sb.toString();
  }

  static String transactionId() {
    return random("tx_", 24);
  }

  static String refundId() {
    return random("rf_", 24);
  }

  static String paymentMethodId() {
    return random("pm_", 24);
  }

  static String disputeId() {
    return random("dp_", 24);
  }

  static String eventId() {
    return random("evt_", 24);
  }

  static String requestId() {
    return random("req_", 20);
  }

  static String faultId() {
    return random("flt_", 12);
  }

  static String accessToken() {
    return random("sbx_at_", 40);
  }
}
