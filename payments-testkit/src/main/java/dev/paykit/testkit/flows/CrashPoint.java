package dev.paykit.testkit.flows;

/**
 * Where the process running a payment create "dies" ({@link CrashPoints}), in the order the create
 * passes them. Each leaves the work in a state the next request with the key, or the reconciler,
 * must finish without charging twice.
 */
public enum CrashPoint {
  /** No crash. */
  NONE,
  /**
   * The key is reserved, the payment not yet recorded. Both are one phase, so the crash undoes the
   * reservation too, as a killed process's open transaction is rolled back.
   */
  AFTER_KEY_RESERVED,
  /** The payment is recorded, the provider not yet asked. */
  BEFORE_PROVIDER_CALL,
  /** The provider created the payment; its answer is never recorded. */
  AFTER_PROVIDER_ANSWER
}
