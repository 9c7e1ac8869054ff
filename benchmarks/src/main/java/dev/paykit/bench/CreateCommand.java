package dev.paykit.bench;

import dev.paykit.bench.jmh.ForkEnvironment;
import dev.paykit.bench.jmh.IdempotentCreateBenchmark;
import dev.paykit.bench.jmh.JmhRunner;
import dev.paykit.bench.report.Measurement;
import dev.paykit.bench.report.Table;
import dev.paykit.bench.support.PostgresSchema;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "create",
    description =
        "3. Idempotent creates through the service per second, in memory, on the embedded H2"
            + " database and on PostgreSQL, with 1, 8 and 32 threads, vs the same three statements"
            + " issued bare over JDBC in one transaction (JMH).")
final class CreateCommand extends SuiteCommand {
  @Mixin JmhOptions jmh = new JmhOptions();
  @Mixin PostgresOptions pg = new PostgresOptions();

  @Option(
      names = "--threads",
      split = ",",
      defaultValue = "1,8,32",
      description = "thread counts, comma-separated (default ${DEFAULT-VALUE})")
  List<Integer> threads;

  @Option(
      names = "--stores",
      split = ",",
      defaultValue = "inmemory,h2,postgres",
      description = "stores, comma-separated (default ${DEFAULT-VALUE})")
  List<String> stores;

  @Override
  List<Table> run(PrintStream out) throws Exception {
    JmhRunner runner = new JmhRunner(jmh.settings());
    Map<String, Measurement> m = new LinkedHashMap<>();
    try (PostgresSchema schema = stores.contains("postgres") ? pg.createMigrated() : null) {
      List<String> jvm = ForkEnvironment.jvmArgs(schema, pg.poolSize, null);
      for (int t : threads) {
        m.putAll(
            runner.run(
                IdempotentCreateBenchmark.class.getSimpleName()
                    + "\\.(paykitCreate|bareStatements)$",
                Map.of("store", stores.toArray(new String[0])),
                t,
                jvm,
                SuiteCommand::key));
      }
    }
    Table table =
        new Table(
            "3. Idempotent create through the service (a provider that answers at once)",
            Table.cells(Table.pairHeader("bare"), "store", "threads"));
    for (String store : stores) {
      for (int t : threads) {
        table.row(
            Table.cells(
                Table.pair(
                    m.get("paykitCreate/" + store + "/" + t),
                    m.get("bareStatements/" + store + "/" + t)),
                storeName(store),
                Integer.toString(t)));
      }
    }
    return List.of(
        table
            .note(
                "Paykit: reserve the key, check the order has no other active payment, insert"
                    + " the payment and its history, ask the provider, read the payment, record"
                    + " the answer with its history entry, complete the key.")
            .note(
                "bare: the three statements at the floor of that work (insert key, insert"
                    + " payment, complete key) in one JDBC transaction on the same HikariCP pool"
                    + " (size "
                    + pg.poolSize
                    + "); for in-memory, the same three steps on ConcurrentHashMaps. Rows added"
                    + " are deleted after each iteration, so the tables stay empty."));
  }

  static String storeName(String store) {
    switch (store) {
      case "inmemory":
        return "in-memory";
      case "h2":
        return "H2 (embedded, file)";
      default:
        return "PostgreSQL";
    }
  }
}
