package dev.paykit.domain.dispute;

import dev.paykit.domain.ValidationException;

/**
 * {@code NEEDS_RESPONSE → UNDER_REVIEW → WON | LOST}; the last two never change. The order of the
 * constants is the order of the lifecycle.
 */
public enum DisputeState {
  /** The merchant may send evidence until the dispute's deadline. */
  NEEDS_RESPONSE("needs_response"),
  /** The bank is deciding. */
  UNDER_REVIEW("under_review"),
  /** The disputed amount came back to the merchant. */
  WON("won"),
  /** The disputed amount is the cardholder's for good. */
  LOST("lost");

  private final String wireName;

  DisputeState(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public boolean isTerminal() {
    return this == WON || this == LOST;
  }

  /**
   * Whether the disputed amount counts as already returned: the provider took it back when the
   * dispute opened and gives it back only when the merchant wins.
   */
  public boolean holdsMoney() {
    return this != WON;
  }

  /** The state of the provider's dispute status. */
  public static DisputeState fromWire(String wire) {
    for (DisputeState state : values()) {
      if (state.wireName.equals(wire)) {
        return state;
      }
    }
    throw new ValidationException(
        "status", "unknown_value", "unknown dispute status '" + wire + "'");
  }
}
