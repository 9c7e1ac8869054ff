package dev.paykit.sandbox;

import java.util.Locale;
import java.util.Optional;

/** The kinds of fault {@code POST /sandbox/faults} can inject; see {@link Fault}. */
public enum FaultKind {
  /** Answer an error status (429 with {@code Retry-After}, 500, 502, 503, 504). */
  ERROR,
  /** Add latency while the request is processed. */
  LATENCY,
  /** Act, then hold the connection and close it without an answer, or close it at once. */
  DROP_RESPONSE,
  /** Make every access token issued so far invalid, now. */
  EXPIRE_TOKENS,
  /** Deliver webhook events more than once. */
  WEBHOOK_DUPLICATE,
  /** Hold webhook events back before their first attempt. */
  WEBHOOK_DELAY,
  /** Hold a transaction's next events and deliver them in reverse order. */
  WEBHOOK_REORDER,
  /** Sign webhook delivery attempts with a wrong key. */
  WEBHOOK_BAD_SIGNATURE;

  /** The value on the wire, e.g. {@code drop_response}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  boolean isHttp() {
    return this == ERROR || this == LATENCY || this == DROP_RESPONSE;
  }

  static Optional<FaultKind> fromWire(String value) {
    for (FaultKind kind : values()) {
      if (kind.wireName().equals(value)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
