package dev.paykit.bench;

import dev.paykit.bench.report.Table;
import dev.paykit.bench.support.Machine;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * A benchmark suite as a command: says which machine and how busy it is, runs, and prints its
 * tables (Markdown, ready for {@code BENCHMARKS.md}) with how long it took.
 */
abstract class SuiteCommand implements Callable<Integer> {

  /** Runs the suite, printing progress to {@code out}; the tables are printed by the caller. */
  abstract List<Table> run(PrintStream out) throws Exception;

  /** Non-zero if the suite found something that must not happen (a lost or doubled event). */
  int exitCode() {
    return 0;
  }

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    out.println("Machine: " + Machine.describe());
    out.println("Load average before: " + Machine.load());
    long start = System.nanoTime();
    List<Table> tables = run(out);
    out.println();
    out.println(
        "Load average after: "
            + Machine.load()
            + "; took "
            + minutes(Duration.ofNanos(System.nanoTime() - start)));
    out.println();
    tables.forEach(t -> out.println(t.render()));
    return exitCode();
  }

  static String minutes(Duration d) {
    return String.format("%d min %02d s", d.toMinutes(), d.toSecondsPart());
  }

  /** The key of a JMH result: {@code method/store/threads}. */
  static String key(BenchmarkParams params) {
    String benchmark = params.getBenchmark();
    String store = params.getParam("store");
    return benchmark.substring(benchmark.lastIndexOf('.') + 1)
        + "/"
        + (store == null ? "-" : store)
        + "/"
        + params.getThreads();
  }
}
