package dev.paykit.sandbox;

/** A payment's status in the reference API. The last three are terminal. */
public enum PaymentStatus {
  STARTED("started"),
  INPROGRESS("inprogress"),
  CONFIRMED("confirmed"),
  CANCELLED("cancelled"),
  EXPIRED("expired");

  private final String wireName;

  PaymentStatus(String wireName) {
    this.wireName = wireName;
  }

  /** The value on the wire, e.g. {@code inprogress}. */
  public String wireName() {
    return wireName;
  }

  public boolean isTerminal() {
    return this == CONFIRMED || this == CANCELLED || this == EXPIRED;
  }

  /**
   * Whether the lifecycle {@code started → inprogress → confirmed | cancelled | expired} allows it.
   */
  boolean canMoveTo(PaymentStatus next) {
    switch (this) {
      case STARTED:
        return next == INPROGRESS || next == CANCELLED || next == EXPIRED;
      case INPROGRESS:
        return next == CONFIRMED || next == CANCELLED || next == EXPIRED;
      default:
        return false;
    }
  }
}
