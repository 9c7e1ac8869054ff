package dev.paykit.app.tour;

import dev.paykit.domain.payment.PaymentLifecycle;
import dev.paykit.domain.payment.PaymentState;

/**
 * How the tour judges a payment's state. Against the tour's own sandbox nothing moves unless a flow
 * moves it, so a state is exactly the one the flow expects. Another provider may move a payment on
 * its own at any moment (settle it, expire it); all its API promises is that a payment only moves
 * forward on the lifecycle, so a state at or after the expected one holds, and an earlier one never
 * does.
 */
public enum StateCheck {
  /** The expected state and no other. */
  EXACT {
    @Override
    public boolean holds(PaymentState expected, PaymentState actual) {
      return actual == expected;
    }

    @Override
    public String describe(PaymentState expected) {
      return expected.toString();
    }
  },

  /** The expected state or one the lifecycle allows after it. */
  AT_OR_AFTER {
    @Override
    public boolean holds(PaymentState expected, PaymentState actual) {
      return actual == expected || PaymentLifecycle.isAllowed(expected, actual);
    }

    @Override
    public String describe(PaymentState expected) {
      return expected.isTerminal() ? expected.toString() : expected + " or later";
    }
  };

  public abstract boolean holds(PaymentState expected, PaymentState actual);

  /** What is expected, as a check's name says it: {@code STARTED} or {@code STARTED or later}. */
  public abstract String describe(PaymentState expected);

  /** Records, as {@code "<subject> is <expected>"}, whether {@code actual} holds. */
  public boolean record(Checks checks, String subject, PaymentState expected, PaymentState actual) {
    boolean held = holds(expected, actual);
    return checks.that(
        subject + " is " + describe(expected),
        held,
        held ? String.valueOf(actual) : "expected " + describe(expected) + ", was " + actual);
  }
}
