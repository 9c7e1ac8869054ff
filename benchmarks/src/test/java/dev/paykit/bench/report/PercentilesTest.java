package dev.paykit.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void nearest_rank_picks_a_value_that_was_measured() {
    Percentiles p = Percentiles.of(5, 1, 4, 2, 3);

    assertThat(p.p50()).isEqualTo(3);
    assertThat(p.at(20)).isEqualTo(1);
    assertThat(p.at(21)).isEqualTo(2);
    assertThat(p.p99()).isEqualTo(5);
    assertThat(p.max()).isEqualTo(5);
  }

  @Test
  void the_99th_percentile_of_a_hundred_values_is_the_99th_smallest() {
    long[] values = new long[100];
    for (int i = 0; i < 100; i++) {
      values[i] = 100 - i;
    }

    Percentiles p = Percentiles.of(values);

    assertThat(p.p99()).isEqualTo(99);
    assertThat(p.p50()).isEqualTo(50);
  }

  @Test
  void only_the_recorded_prefix_counts_and_the_input_is_left_alone() {
    long[] buffer = {9, 7, 8, 0, 0, 0};

    Percentiles p = Percentiles.of(buffer, 3);

    assertThat(p.count()).isEqualTo(3);
    assertThat(p.p50()).isEqualTo(8);
    assertThat(buffer).containsExactly(9, 7, 8, 0, 0, 0);
  }

  @Test
  void a_single_value_is_every_percentile() {
    Percentiles p = Percentiles.of(42);

    assertThat(p.p50()).isEqualTo(42);
    assertThat(p.p99()).isEqualTo(42);
  }

  @Test
  void nothing_recorded_or_a_percentile_out_of_range_is_an_error() {
    assertThatThrownBy(() -> Percentiles.of().p50()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Percentiles.of(1).at(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Percentiles.of(1).at(100.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Percentiles.of(new long[2], 3))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
