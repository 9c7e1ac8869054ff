package dev.paykit.bench;

import dev.paykit.bench.jmh.ForkEnvironment;
import dev.paykit.bench.jmh.IdempotentCreateBenchmark;
import dev.paykit.bench.jmh.JmhRunner;
import dev.paykit.bench.jmh.WebhookReceiveBenchmark;
import dev.paykit.bench.report.Measurement;
import dev.paykit.bench.report.Table;
import dev.paykit.bench.support.GrowthFill;
import dev.paykit.bench.support.PostgresSchema;
import dev.paykit.bench.support.QueryPlans;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "growth",
    description =
        "6. Benchmarks 2 and 3 on PostgreSQL with rows already stored (default 10,000 and"
            + " 100,000; the issue's figure is --rows 10000,1000000), the slowdown between the"
            + " sizes, and the plans of the stores' queries at each size (JMH).")
final class GrowthCommand extends SuiteCommand {
  @Mixin JmhOptions jmh = new JmhOptions();
  @Mixin PostgresOptions pg = new PostgresOptions();

  @Option(
      names = "--rows",
      split = ",",
      defaultValue = "10000,100000",
      description = "payments stored before measuring, comma-separated (default ${DEFAULT-VALUE})")
  List<Long> rows;

  @Option(
      names = "--webhook-threads",
      defaultValue = "1",
      description = "threads receiving webhooks (default ${DEFAULT-VALUE})")
  int webhookThreads;

  @Option(
      names = "--create-threads",
      defaultValue = "8",
      description = "threads creating payments (default ${DEFAULT-VALUE})")
  int createThreads;

  private static final String[] CASES = {
    "paykitReceive", "bareInsert", "paykitCreate", "bareStatements"
  };

  @Override
  List<Table> run(PrintStream out) throws Exception {
    JmhRunner runner = new JmhRunner(jmh.settings());
    Map<Long, Map<String, Measurement>> bySize = new LinkedHashMap<>();
    Map<Long, Map<String, String>> plans = new LinkedHashMap<>();
    List<String> fills = new ArrayList<>();
    for (long size : rows) {
      try (PostgresSchema schema = pg.createMigrated()) {
        out.printf(Locale.ROOT, "growth: filling %,d payments into %s%n", size, schema.name());
        Duration took = GrowthFill.fill(schema, size);
        fills.add(
            String.format(
                Locale.ROOT,
                "%,d payments, each with 2–3 history rows, a completed idempotency key and a"
                    + " processed webhook: filled and vacuumed in %s",
                size,
                minutes(took)));
        out.println("growth: " + fills.get(fills.size() - 1));
        plans.put(size, QueryPlans.scans(schema, size));
        List<String> jvm = ForkEnvironment.jvmArgs(schema, pg.poolSize, null);
        Map<String, String[]> params =
            Map.of("store", new String[] {"postgres"}, "rows", new String[] {Long.toString(size)});
        Map<String, Measurement> m = new LinkedHashMap<>();
        m.putAll(
            runner.run(
                WebhookReceiveBenchmark.class.getSimpleName() + "\\.(paykitReceive|bareInsert)$",
                params,
                webhookThreads,
                jvm,
                p -> method(p.getBenchmark())));
        m.putAll(
            runner.run(
                IdempotentCreateBenchmark.class.getSimpleName()
                    + "\\.(paykitCreate|bareStatements)$",
                params,
                createThreads,
                jvm,
                p -> method(p.getBenchmark())));
        bySize.put(size, m);
      }
    }
    return List.of(figures(bySize, fills), slowdown(bySize), plans(plans));
  }

  private static String method(String benchmark) {
    return benchmark.substring(benchmark.lastIndexOf('.') + 1);
  }

  private Table figures(Map<Long, Map<String, Measurement>> bySize, List<String> fills) {
    Table table =
        new Table(
            "6. Growth: benchmarks 2 and 3 on PostgreSQL with rows already stored",
            Table.cells(Table.pairHeader("baseline"), "benchmark", "rows stored"));
    bySize.forEach(
        (size, m) ->
            table.row(
                Table.cells(
                    Table.pair(m.get("paykitReceive"), m.get("bareInsert")),
                    "webhook receive vs bare INSERT (" + webhookThreads + " thr.)",
                    String.format(Locale.ROOT, "%,d", size))));
    bySize.forEach(
        (size, m) ->
            table.row(
                Table.cells(
                    Table.pair(m.get("paykitCreate"), m.get("bareStatements")),
                    "create vs bare 3 statements (" + createThreads + " thr.)",
                    String.format(Locale.ROOT, "%,d", size))));
    fills.forEach(table::note);
    return table.note(
        "Rows a benchmark adds are deleted after each iteration, so each size holds during the"
            + " whole measurement.");
  }

  private static Table slowdown(Map<Long, Map<String, Measurement>> bySize) {
    List<Long> sizes = new ArrayList<>(bySize.keySet());
    long small = sizes.get(0);
    long large = sizes.get(sizes.size() - 1);
    Table table =
        new Table(
            String.format(
                Locale.ROOT,
                "6. Growth: how throughput changes from %,d to %,d rows",
                small,
                large),
            "case",
            String.format(Locale.ROOT, "ops/s at %,d", small),
            String.format(Locale.ROOT, "ops/s at %,d", large),
            "slowdown");
    for (String c : CASES) {
      Measurement a = bySize.get(small).get(c);
      Measurement b = bySize.get(large).get(c);
      table.row(
          label(c),
          Table.opsPerSecond(a.opsPerSecond()),
          Table.opsPerSecond(b.opsPerSecond()),
          Table.ratio(b.costRelativeTo(a)));
    }
    return table.note("slowdown: ops/s at the smaller size ÷ ops/s at the larger; 1.00× is flat.");
  }

  private static String label(String c) {
    switch (c) {
      case "paykitReceive":
        return "Paykit webhook receive";
      case "bareInsert":
        return "bare INSERT into the inbox";
      case "paykitCreate":
        return "Paykit create";
      default:
        return "bare 3 statements";
    }
  }

  private static Table plans(Map<Long, Map<String, String>> bySize) {
    List<String> header = new ArrayList<>(List.of("query"));
    bySize.keySet().forEach(size -> header.add(String.format(Locale.ROOT, "plan at %,d", size)));
    Table table =
        new Table(
            "6. Growth: how PostgreSQL runs the stores' queries", header.toArray(new String[0]));
    Map<String, String> first = bySize.values().iterator().next();
    boolean scansTable = false;
    for (String query : first.keySet()) {
      List<String> row = new ArrayList<>(List.of(query));
      for (Map<String, String> plans : bySize.values()) {
        row.add(plans.get(query));
        scansTable |= QueryPlans.readsWholeTable(plans.get(query));
      }
      table.row(row.toArray(new String[0]));
    }
    return table.note(
        scansTable
            ? "A Seq Scan above reads the whole table: its cost grows with the rows stored."
            : "Every query is answered from an index: none reads a whole table.");
  }
}
