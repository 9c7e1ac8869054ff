package dev.paykit.domain.payment;

import dev.paykit.domain.Require;

/**
 * Why the issuer declined, in the provider's words. An open set: a provider may send codes Paykit
 * does not know, and they are kept as they came.
 */
public record DeclineCode(String value) {
  public static final DeclineCode INSUFFICIENT_FUNDS = new DeclineCode("insufficient_funds");
  public static final DeclineCode EXPIRED_CARD = new DeclineCode("expired_card");
  public static final DeclineCode INVALID_CVV = new DeclineCode("invalid_cvv");
  public static final DeclineCode DO_NOT_HONOR = new DeclineCode("do_not_honor");

  /** Off-session only: the customer removed the saved method. */
  public static final DeclineCode PAYMENT_METHOD_REMOVED =
      new DeclineCode("payment_method_removed");

  /** Off-session only: the bank wants the customer present; retrying off-session cannot help. */
  public static final DeclineCode AUTHENTICATION_REQUIRED =
      new DeclineCode("authentication_required");

  public DeclineCode {
    Require.printableAscii("declineCode", value, 1, 64);
  }

  @Override
  public String toString() {
    return value;
  }
}
