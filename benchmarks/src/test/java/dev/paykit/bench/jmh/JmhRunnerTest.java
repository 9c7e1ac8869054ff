package dev.paykit.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class JmhRunnerTest {

  @Test
  void throughput_in_any_unit_becomes_operations_per_second() {
    assertThat(JmhRunner.perSecond(6.38, "ops/us")).isCloseTo(6_380_000, within(1e-3));
    assertThat(JmhRunner.perSecond(0.62, "ops/ms")).isCloseTo(620, within(1e-9));
    assertThat(JmhRunner.perSecond(620, "ops/s")).isCloseTo(620, within(1e-9));
  }

  @Test
  void sampled_times_in_any_unit_become_nanoseconds() {
    assertThat(JmhRunner.nanos(0.16, "us/op")).isCloseTo(160, within(1e-9));
    assertThat(JmhRunner.nanos(1.63, "ms/op")).isCloseTo(1_630_000, within(1e-6));
    assertThatThrownBy(() -> JmhRunner.nanos(1, "fortnights/op"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
