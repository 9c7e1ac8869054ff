package dev.paykit.domain.refund;

import dev.paykit.domain.ValidationException;

/** {@code REQUESTED → PENDING → SUCCEEDED | FAILED}; the last two never change. */
public enum RefundState {
  /** Recorded locally; the provider has not answered yet. */
  REQUESTED,
  PENDING,
  SUCCEEDED,
  FAILED;

  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED;
  }

  /** The provider's refund status ({@code pending}, {@code succeeded}, {@code failed}). */
  public static RefundState fromWire(String wire) {
    return switch (wire == null ? "" : wire) {
      case "pending" -> PENDING;
      case "succeeded" -> SUCCEEDED;
      case "failed" -> FAILED;
      default ->
          throw new ValidationException(
              "status", "unknown_value", "unknown refund status '" + wire + "'");
    };
  }
}
