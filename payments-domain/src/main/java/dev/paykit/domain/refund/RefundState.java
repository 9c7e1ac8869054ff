package dev.paykit.domain.refund;

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
}
