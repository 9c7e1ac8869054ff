package dev.paykit.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TableTest {

  @Test
  void latencies_are_shown_in_the_unit_that_fits() {
    assertThat(Table.latency(850)).isEqualTo("850 ns");
    assertThat(Table.latency(72_600)).isEqualTo("72.6 µs");
    assertThat(Table.latency(1_630_000)).isEqualTo("1.63 ms");
    assertThat(Table.latency(4_540_000_000L)).isEqualTo("4.54 s");
    assertThat(Table.latency(Double.NaN)).isEqualTo("–");
  }

  @Test
  void throughput_has_separators_and_small_rates_a_decimal() {
    assertThat(Table.opsPerSecond(6_382_712.4)).isEqualTo("6,382,712");
    assertThat(Table.opsPerSecond(18.64)).isEqualTo("18.6");
  }

  @Test
  void the_cost_ratio_is_baseline_throughput_over_measured_throughput() {
    Measurement paykit = new Measurement("Paykit", 100, 10, 20);
    Measurement bare = new Measurement("bare", 750, 1, 2);

    assertThat(paykit.costRelativeTo(bare)).isEqualTo(7.5);
    assertThat(Table.ratio(7.5)).isEqualTo("7.50×");
    assertThat(Table.ratio(22.4)).isEqualTo("22×");
  }

  @Test
  void a_benchmark_table_renders_as_aligned_markdown_with_its_notes() {
    Measurement paykit = new Measurement("Paykit apply", 1_000_000, 160, 590);
    Measurement base = new Measurement("HashMap.put", 4_000_000, 50, 160);

    String rendered =
        Table.benchmark("1. State machine")
            .add(paykit, base, "HashMap.put")
            .addBaseline(base)
            .note("a note")
            .render();

    assertThat(rendered)
        .startsWith("### 1. State machine\n\n| case ")
        .contains("| Paykit apply | 1,000,000 | 160 ns | 590 ns | 4.00× HashMap.put |")
        .contains("| 1.00× (baseline)  |")
        .endsWith("\na note\n");
    assertThat(rendered.lines().filter(l -> l.startsWith("|")).map(String::length).distinct())
        .hasSize(1);
  }

  @Test
  void paired_rows_put_the_case_first_and_the_ratio_last() {
    String[] cells =
        Table.cells(
            Table.pair(new Measurement("p", 500, 2e6, 4e6), new Measurement("b", 1_000, 1e6, 2e6)),
            "PostgreSQL",
            "8");

    assertThat(cells)
        .containsExactly(
            "PostgreSQL", "8", "500", "2.00 ms", "4.00 ms", "1,000", "1.00 ms", "2.00 ms", "2.00×");
  }

  @Test
  void a_second_baseline_beside_a_pair_has_its_own_figures_and_ratio_or_dashes_if_not_measured() {
    Measurement paykit = new Measurement("p", 500, 2e6, 4e6);

    assertThat(Table.versus(paykit, new Measurement("floor", 600, 1.5e6, 3e6)))
        .containsExactly("600", "1.50 ms", "3.00 ms", "1.20×");
    assertThat(Table.versus(paykit, null)).containsExactly("–", "–", "–", "–");
    assertThat(Table.versusHeader("2-tx floor"))
        .containsExactly("2-tx floor ops/s", "p50", "p99", "cost vs 2-tx floor");
  }

  @Test
  void a_goal_is_met_up_to_and_including_its_limit() {
    assertThat(Table.goal(1.25, 1.25, "floor")).isEqualTo("≤ 1.25× floor: met");
    assertThat(Table.goal(1.26, 1.25, "floor")).isEqualTo("≤ 1.25× floor: missed");
    assertThat(Table.goal(4.2, 5, "bare")).isEqualTo("≤ 5.00× bare: met");
    assertThat(Table.goal(Double.NaN, 1.1, "10 entries")).isEqualTo("–");
  }

  @Test
  void durations_read_from_the_command_line() {
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("2s")).isEqualTo(Duration.ofSeconds(2));
    assertThat(Durations.parse(" 90m ")).isEqualTo(Duration.ofMinutes(90));
  }
}
