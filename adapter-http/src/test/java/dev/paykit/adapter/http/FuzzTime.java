package dev.paykit.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The time bound of the fuzz tests: one input gets {@link #PER_INPUT}. Measured in the test, not
 * with JUnit's {@code @Timeout}: in fuzzing mode one invocation runs the whole session, so a JUnit
 * timeout would bound the session, not an input.
 */
final class FuzzTime {
  /** Far above what a valid or invalid input needs, far below what a blow-up takes. */
  static final Duration PER_INPUT = Duration.ofSeconds(2);

  private FuzzTime() {}

  /** What {@code input} gives, if it took no longer than {@link #PER_INPUT}. */
  static <T> T bounded(Supplier<T> input) {
    long start = System.nanoTime();
    try {
      return input.get();
    } finally {
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .as("time for one input")
          .isLessThanOrEqualTo(PER_INPUT);
    }
  }
}
