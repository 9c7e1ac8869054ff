package dev.paykit.adapter.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits between retries; tests substitute one that only records what it was asked to wait. */
@FunctionalInterface
public interface Sleeper {
  void sleep(Duration duration) throws InterruptedException;

  static Sleeper threadSleep() {
    return duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());
  }
}
