package dev.paykit.domain.dispute;

/**
 * {@code NEEDS_RESPONSE → UNDER_REVIEW → WON | LOST}; the last two never change. The order of the
 * constants is the order of the lifecycle.
 */
public enum DisputeState {
  /** The merchant may send evidence until the dispute's deadline. */
  NEEDS_RESPONSE,
  /** The bank is deciding. */
  UNDER_REVIEW,
  /** The disputed amount came back to the merchant. */
  WON,
  /** The disputed amount is the cardholder's for good. */
  LOST;

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
}
