package dev.paykit.port.in;

/**
 * Asked by a use case that works through a batch, between one item and the next: once it answers
 * true, the use case ends early and gives back what it took but did not finish, instead of holding
 * it until its claim runs out. A worker that is shutting down raises it.
 */
@FunctionalInterface
public interface StopSignal {
  /** The signal that is never raised: the work runs to its end. */
  StopSignal NEVER = () -> false;

  boolean stopRequested();
}
