package dev.paykit.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.paykit.bench.report.Measurement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.IterationResultMetaData;
import org.openjdk.jmh.results.ResultRole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.ThroughputResult;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.WorkloadParams;
import org.openjdk.jmh.runner.options.TimeValue;

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

  @Test
  void the_rounds_of_a_case_fold_into_one_measurement_as_forks_of_one_run_would() {
    List<RunResult> rounds =
        List.of(
            throughput("paykitCreate", "postgres", 100),
            throughput("bareStatements", "postgres", 900),
            throughput("paykitCreate", "postgres", 300),
            throughput("bareStatements", "postgres", 1_100));

    Map<String, Measurement> folded =
        JmhRunner.fold(rounds, p -> p.getBenchmark() + "/" + p.getParam("store"));

    assertThat(folded).containsOnlyKeys("x.paykitCreate/postgres", "x.bareStatements/postgres");
    assertThat(folded.get("x.paykitCreate/postgres").opsPerSecond()).isCloseTo(200, within(1e-9));
    assertThat(folded.get("x.bareStatements/postgres").opsPerSecond())
        .isCloseTo(1_000, within(1e-9));
    assertThat(folded.get("x.paykitCreate/postgres").p50Nanos()).isNaN();
  }

  @Test
  void settings_need_a_round_a_fork_and_a_measured_iteration() {
    assertThatThrownBy(
            () ->
                new JmhRunner.Settings(
                    0, 1, 1, Duration.ofSeconds(1), 1, Duration.ofSeconds(1), true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(
            new JmhRunner.Settings(2, 1, 4, Duration.ofSeconds(2), 3, Duration.ofSeconds(2), true)
                .perBenchmarkAndMode())
        .isEqualTo(Duration.ofSeconds(28));
  }

  /** One round's result of one case: a single fork of one iteration at {@code opsPerSecond}. */
  private static RunResult throughput(String method, String store, double opsPerSecond) {
    IterationParams iteration =
        new IterationParams(IterationType.MEASUREMENT, 1, TimeValue.seconds(1), 1);
    WorkloadParams workload = new WorkloadParams();
    workload.put("store", store, 0);
    BenchmarkParams params =
        new BenchmarkParams(
            "x." + method,
            "x.generated",
            false,
            1,
            new int[] {1},
            List.of(),
            1,
            0,
            iteration,
            iteration,
            Mode.Throughput,
            workload,
            TimeUnit.SECONDS,
            1,
            "java",
            List.of(),
            "17",
            "vm",
            "17",
            "1.37",
            TimeValue.minutes(10));
    IterationResult result =
        new IterationResult(params, iteration, new IterationResultMetaData(1, 1));
    result.addResult(
        new ThroughputResult(
            ResultRole.PRIMARY, method, opsPerSecond, 1_000_000_000L, TimeUnit.SECONDS));
    return new RunResult(params, List.of(new BenchmarkResult(params, List.of(result))));
  }
}
