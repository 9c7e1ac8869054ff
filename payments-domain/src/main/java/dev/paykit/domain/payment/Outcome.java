package dev.paykit.domain.payment;

/** What became of a reported transition. */
public enum Outcome {
  /** The state changed. */
  APPLIED,
  /** The report repeated the current state. */
  DUPLICATE,
  /** The report is behind the current state (an earlier step arriving late). */
  STALE,
  /** The report contradicts a terminal state: kept, not applied, and worth an alert. */
  ANOMALY,
  /** The transition is not in the lifecycle table, or the report is not about this payment. */
  REJECTED
}
