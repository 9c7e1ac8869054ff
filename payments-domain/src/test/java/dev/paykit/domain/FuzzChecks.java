package dev.paykit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The property every fuzz test holds its target to: an answer within {@link #PER_INPUT}, or one of
 * Paykit's typed errors whose field and message hold no control character (they reach HTTP answers
 * and log lines). Any other exception escapes and is the fuzzer's finding.
 *
 * <p>The time is measured here rather than with JUnit's {@code @Timeout}: in fuzzing mode one
 * invocation runs the whole session, so a JUnit timeout would bound the session, not an input.
 */
public final class FuzzChecks {
  /** Far above what a valid or invalid input needs, far below what a blow-up takes. */
  public static final Duration PER_INPUT = Duration.ofSeconds(2);

  private FuzzChecks() {}

  /** The value, or empty when the call failed with a clean {@link PaykitException}. */
  public static <T> Optional<T> valueOrTypedError(Supplier<T> call) {
    long start = System.nanoTime();
    try {
      return Optional.of(call.get());
    } catch (PaykitException e) {
      assertClean("subject", e.subject());
      assertClean("message", e.getMessage());
      return Optional.empty();
    } finally {
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(took).as("time for one input").isLessThanOrEqualTo(PER_INPUT);
    }
  }

  private static void assertClean(String what, String text) {
    assertThat(text.chars().noneMatch(Character::isISOControl))
        .as("the error's %s holds no control character: %s", what, text.replaceAll("\\p{Cc}", "?"))
        .isTrue();
  }
}
