package dev.paykit.bench;

import dev.paykit.bench.jmh.ForkEnvironment;
import dev.paykit.bench.jmh.JmhRunner;
import dev.paykit.bench.jmh.PaymentHistoryBenchmark;
import dev.paykit.bench.report.Measurement;
import dev.paykit.bench.report.Table;
import dev.paykit.bench.support.PostgresSchema;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "history",
    description =
        "7. One report (a status look-up that changes nothing) on a payment with a short and with"
            + " a long history of distinct entries, in memory and on PostgreSQL: the cost must not"
            + " grow with the history (JMH, one thread, cases alternated in rounds).")
final class HistoryCommand extends SuiteCommand {
  /** Issue 14's goal: the long history's report at most this many times the short one's. */
  static final double GOAL = 1.1;

  @Mixin JmhOptions jmh = new JmhOptions();
  @Mixin PostgresOptions pg = new PostgresOptions();
  @Spec CommandSpec spec;

  @Option(
      names = "--entries",
      split = ",",
      defaultValue = "10,5000",
      description =
          "history lengths, comma-separated, the first the baseline; each above 3"
              + " (default ${DEFAULT-VALUE})")
  List<Integer> entries;

  @Option(
      names = "--stores",
      split = ",",
      defaultValue = "inmemory,postgres",
      description = "stores, comma-separated (default ${DEFAULT-VALUE})")
  List<String> stores;

  @Override
  List<Table> run(PrintStream out) throws Exception {
    if (entries.size() < 2 || entries.stream().anyMatch(e -> e <= 3)) {
      throw new ParameterException(
          spec.commandLine(), "--entries: at least two lengths, each above 3: " + entries);
    }
    Map<String, Measurement> m;
    try (PostgresSchema schema = stores.contains("postgres") ? pg.createMigrated() : null) {
      m =
          new JmhRunner(jmh.settings())
              .run(
                  PaymentHistoryBenchmark.class.getSimpleName() + "\\.report$",
                  Map.of(
                      "store",
                      stores.toArray(new String[0]),
                      "entries",
                      entries.stream().map(String::valueOf).toArray(String[]::new)),
                  1,
                  ForkEnvironment.jvmArgs(schema, pg.poolSize, null),
                  p -> p.getParam("store") + "/" + p.getParam("entries"));
    }
    int base = entries.get(0);
    Table table =
        new Table(
            "7. One report on a payment with a short and a long history (1 thread)",
            "store",
            "history entries",
            "ops/s",
            "p50",
            "p99",
            "cost vs " + entries(base),
            "goal (issue 14)");
    for (String store : stores) {
      Measurement shortest = m.get(store + "/" + base);
      for (int n : entries) {
        Measurement here = m.get(store + "/" + n);
        double ratio = here.costRelativeTo(shortest);
        table.row(
            CreateCommand.storeName(store),
            String.format(Locale.ROOT, "%,d", n),
            Table.opsPerSecond(here.opsPerSecond()),
            Table.latency(here.p50Nanos()),
            Table.latency(here.p99Nanos()),
            n == base ? "1.00× (baseline)" : Table.ratio(ratio),
            n == base ? "–" : Table.goal(ratio, GOAL, entries(base)));
      }
    }
    return List.of(
        table
            .note(
                "A report: VerifyPayment.verify, a status look-up whose answer leaves the payment"
                    + " as it is (in progress), counted on the latest entry; the history keeps its"
                    + " length while it is measured. The history was made beforehand through the"
                    + " service by look-ups answering inprogress and started in turn, each a"
                    + " distinct entry.")
            .note(
                "On PostgreSQL the stores use a HikariCP pool of size "
                    + pg.poolSize
                    + "; the tables are vacuumed after each iteration. The cases alternate: each"
                    + " runs once per round, "
                    + jmh.settings().rounds()
                    + " round(s). Goal (issue 14): at most "
                    + Table.ratio(GOAL)
                    + " the cost at "
                    + entries(base)
                    + "."));
  }

  private static String entries(int n) {
    return String.format(Locale.ROOT, "%,d entries", n);
  }
}
