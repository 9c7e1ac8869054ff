package dev.paykit.bench;

import dev.paykit.bench.jmh.JmhRunner;
import dev.paykit.bench.report.Durations;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How long JMH measures; shared by every JMH suite. */
public final class JmhOptions {
  // Rounds rather than forks in a row: every case of a suite runs once per round, so the cases
  // alternate through the run and a noisy stretch of the machine meets each of them.
  @Option(
      names = "--rounds",
      defaultValue = "2",
      description =
          "rounds: every case of the suite runs once per round, the cases alternating"
              + " (default ${DEFAULT-VALUE})")
  int rounds;

  @Option(
      names = "--forks",
      defaultValue = "1",
      description = "JMH forks per benchmark, mode and round (default ${DEFAULT-VALUE})")
  int forks;

  // Ten (20 s): on two cores shared with PostgreSQL, a create at 8 and 32 threads runs at about a
  // thousand a second, so the JIT reaches the core's code late and compiles it slowly. In 4 s
  // iterations from a cold fork Paykit's creates climbed for 16 to 20 s (from 910 to a steady
  // 1,570 a second at 8 threads) and the plain-JDBC floor's for 12 s; with 8 s of warm-up the
  // measured iterations timed the compiler more on Paykit's side than on the floor's.
  @Option(
      names = "--warmup-iterations",
      defaultValue = "10",
      description = "warm-up iterations per fork (default ${DEFAULT-VALUE})")
  int warmupIterations;

  @Option(
      names = "--warmup-time",
      defaultValue = "2s",
      description = "length of a warm-up iteration (default ${DEFAULT-VALUE})")
  String warmupTime;

  @Option(
      names = "--iterations",
      defaultValue = "3",
      description = "measured iterations per fork (default ${DEFAULT-VALUE})")
  int iterations;

  @Option(
      names = "--iteration-time",
      defaultValue = "2s",
      description = "length of a measured iteration (default ${DEFAULT-VALUE})")
  String iterationTime;

  @Option(
      names = "--quick",
      description =
          "1 round, 1 fork, 1 × 1 s warm-up, 2 × 1 s measured: to try a suite out, never for"
              + " figures")
  boolean quick;

  @Option(names = "--jmh-quiet", description = "hide JMH's own progress output")
  boolean quiet;

  JmhRunner.Settings settings() {
    if (quick) {
      return new JmhRunner.Settings(
          1, 1, 1, Duration.ofSeconds(1), 2, Duration.ofSeconds(1), quiet);
    }
    return new JmhRunner.Settings(
        rounds,
        forks,
        warmupIterations,
        Durations.parse(warmupTime),
        iterations,
        Durations.parse(iterationTime),
        quiet);
  }
}
