package dev.paykit.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy policy =
      new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(30));

  @Test
  void the_ceiling_doubles_with_each_retry_up_to_the_max_delay() {
    assertThat(policy.ceiling(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.ceiling(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.ceiling(3)).isEqualTo(Duration.ofMillis(400));
    assertThat(policy.ceiling(4)).isEqualTo(Duration.ofMillis(800));
    assertThat(policy.ceiling(5)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.ceiling(1000)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void full_jitter_spans_zero_to_the_ceiling() {
    assertThat(policy.jitteredDelay(3, FixedRandom.LOWEST)).isEqualTo(Duration.ZERO);
    assertThat(policy.jitteredDelay(3, FixedRandom.HIGHEST)).isEqualTo(Duration.ofMillis(400));
  }

  @Test
  void jittered_delays_stay_within_the_ceiling_and_spread_out() {
    RandomGenerator random = new SplittableRandom(42);

    List<Duration> delays =
        IntStream.range(0, 1000).mapToObj(i -> policy.jitteredDelay(2, random)).toList();

    assertThat(delays)
        .allSatisfy(delay -> assertThat(delay).isBetween(Duration.ZERO, Duration.ofMillis(200)));
    assertThat(delays.stream().distinct().count()).isGreaterThan(900);
  }

  @Test
  void a_huge_base_delay_does_not_overflow() {
    RetryPolicy slow =
        new RetryPolicy(100, Duration.ofDays(365), Duration.ofDays(3650), Duration.ofDays(36500));
    assertThat(slow.ceiling(100)).isEqualTo(Duration.ofDays(3650));
  }

  @Test
  void rejects_nonsense() {
    assertThatThrownBy(
            () ->
                new RetryPolicy(
                    0, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(1)))
        .hasMessageContaining("maxAttempts");
    assertThatThrownBy(
            () ->
                new RetryPolicy(
                    3, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1)))
        .hasMessageContaining("maxDelay");
    assertThatThrownBy(
            () -> new RetryPolicy(3, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)))
        .hasMessageContaining("baseDelay");
  }

  @Test
  void the_defaults_are_four_attempts_within_a_minute() {
    RetryPolicy defaults = RetryPolicy.defaults();
    assertThat(defaults.maxAttempts()).isEqualTo(4);
    assertThat(defaults.totalBudget()).isEqualTo(Duration.ofSeconds(60));
  }
}
