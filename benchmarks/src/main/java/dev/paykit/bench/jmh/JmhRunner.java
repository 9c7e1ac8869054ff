package dev.paykit.bench.jmh;

import dev.paykit.bench.report.Measurement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs a set of JMH benchmarks twice over, in throughput mode (for ops/s) and in sample-time mode
 * (for p50 and p99 of single operations), and folds the two results of each benchmark into one
 * {@link Measurement}. A Paykit benchmark and its baselines go into one call, and the call runs
 * them all once per round, round after round: each case's forks are spread over the whole run
 * instead of following each other, so a noisy stretch of a shared machine hurts every case alike
 * and the ratios between them hold. The rounds of a case are folded as JMH folds its forks.
 */
public final class JmhRunner {

  /** How long JMH measures; the same for every benchmark of a run. */
  public record Settings(
      int rounds,
      int forks,
      int warmupIterations,
      Duration warmupTime,
      int iterations,
      Duration iterationTime,
      boolean quiet) {
    public Settings {
      if (rounds < 1 || forks < 1 || warmupIterations < 0 || iterations < 1) {
        throw new IllegalArgumentException("rounds, forks and iterations must be at least 1");
      }
      Objects.requireNonNull(warmupTime, "warmupTime");
      Objects.requireNonNull(iterationTime, "iterationTime");
    }

    /**
     * Rounds × forks × (warm-up + measurement), per benchmark and mode, fork start-up not counted.
     */
    public Duration perBenchmarkAndMode() {
      return warmupTime
          .multipliedBy(warmupIterations)
          .plus(iterationTime.multipliedBy(iterations))
          .multipliedBy((long) forks * rounds);
    }
  }

  private final Settings settings;

  public JmhRunner(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * @param include a regular expression over {@code Class.method} names
   * @param params JMH parameters to set, each to one or more values
   * @param threads how many threads call each benchmark at once
   * @param jvmArgs appended to every fork's JVM arguments
   * @param label what a result is called in the tables, from its parameters
   * @return the measurements, by label, in the order JMH ran them
   */
  public Map<String, Measurement> run(
      String include,
      Map<String, String[]> params,
      int threads,
      List<String> jvmArgs,
      Function<BenchmarkParams, String> label)
      throws RunnerException {
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(include)
            .mode(Mode.Throughput)
            .mode(Mode.SampleTime)
            .timeUnit(TimeUnit.MICROSECONDS)
            .forks(settings.forks())
            .warmupIterations(settings.warmupIterations())
            .warmupTime(time(settings.warmupTime()))
            .measurementIterations(settings.iterations())
            .measurementTime(time(settings.iterationTime()))
            .threads(threads)
            .shouldFailOnError(true)
            .verbosity(settings.quiet() ? VerboseMode.SILENT : VerboseMode.NORMAL)
            .jvmArgsAppend(jvmArgs.toArray(new String[0]));
    params.forEach(options::param);
    List<RunResult> results = new ArrayList<>();
    for (int round = 0; round < settings.rounds(); round++) {
      results.addAll(new Runner(options.build()).run());
    }
    return fold(results, label);
  }

  /**
   * One measurement per label: the results of every round of a case and mode taken together, as if
   * each round's forks had been more forks of one run.
   */
  static Map<String, Measurement> fold(
      Collection<RunResult> results, Function<BenchmarkParams, String> label) {
    Map<String, List<RunResult>> rounds = new LinkedHashMap<>();
    for (RunResult run : results) {
      rounds
          .computeIfAbsent(
              label.apply(run.getParams()) + "\n" + run.getParams().getMode(),
              k -> new ArrayList<>())
          .add(run);
    }
    Map<String, double[]> figures = new LinkedHashMap<>();
    for (List<RunResult> same : rounds.values()) {
      List<BenchmarkResult> forks = new ArrayList<>();
      same.forEach(r -> forks.addAll(r.getBenchmarkResults()));
      RunResult run = new RunResult(same.get(0).getParams(), forks);
      BenchmarkParams params = run.getParams();
      double[] f =
          figures.computeIfAbsent(
              label.apply(params), k -> new double[] {Double.NaN, Double.NaN, Double.NaN});
      Result<?> primary = run.getPrimaryResult();
      if (params.getMode() == Mode.Throughput) {
        f[0] = perSecond(primary.getScore(), primary.getScoreUnit());
      } else {
        f[1] = nanos(primary.getStatistics().getPercentile(50), primary.getScoreUnit());
        f[2] = nanos(primary.getStatistics().getPercentile(99), primary.getScoreUnit());
      }
    }
    Map<String, Measurement> measurements = new LinkedHashMap<>();
    figures.forEach((name, f) -> measurements.put(name, new Measurement(name, f[0], f[1], f[2])));
    return measurements;
  }

  /** Converts JMH's {@code ops/us}, {@code ops/ms}, {@code ops/s}... to operations per second. */
  static double perSecond(double score, String unit) {
    return score * 1e9 / nanosPer(unit.substring(unit.indexOf('/') + 1));
  }

  /** Converts JMH's {@code us/op}, {@code ms/op}... to nanoseconds. */
  static double nanos(double score, String unit) {
    return score * nanosPer(unit.substring(0, unit.indexOf('/')));
  }

  private static double nanosPer(String unit) {
    switch (unit) {
      case "ns":
        return 1;
      case "us":
        return 1e3;
      case "ms":
        return 1e6;
      case "s":
        return 1e9;
      case "min":
        return 60e9;
      default:
        throw new IllegalArgumentException("unexpected JMH time unit " + unit);
    }
  }

  private static TimeValue time(Duration d) {
    return TimeValue.milliseconds(d.toMillis());
  }
}
