package dev.paykit.transport;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits between the attempts of a {@link ProviderExchange}; tests substitute one that only records
 * what it was asked to wait.
 */
@FunctionalInterface
public interface Sleeper {
  /** Waits {@code duration}, or less when interrupted. */
  void sleep(Duration duration) throws InterruptedException;

  /** Really waits, on the calling thread. */
  static Sleeper threadSleep() {
    return duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());
  }
}
