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
  void durations_read_from_the_command_line() {
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("2s")).isEqualTo(Duration.ofSeconds(2));
    assertThat(Durations.parse(" 90m ")).isEqualTo(Duration.ofMinutes(90));
  }
}
