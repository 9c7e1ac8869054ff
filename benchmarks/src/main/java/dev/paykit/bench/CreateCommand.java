package dev.paykit.bench;

import dev.paykit.bench.jmh.ForkEnvironment;
import dev.paykit.bench.jmh.IdempotentCreateBenchmark;
import dev.paykit.bench.jmh.JmhRunner;
import dev.paykit.bench.report.Measurement;
import dev.paykit.bench.report.Table;
import dev.paykit.bench.support.PostgresSchema;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "create",
    description =
        "3. Idempotent creates through the service per second, in memory, on the embedded H2"
            + " database and on PostgreSQL, with 1, 8 and 32 threads, vs the same three statements"
            + " issued bare over JDBC in one transaction and, on the databases, vs the"
            + " two-transaction floor of a create in plain JDBC (JMH, cases alternated in rounds).")
final class CreateCommand extends SuiteCommand {
  /** Issue 14's goals: Paykit on PostgreSQL against the floor, in memory against the maps. */
  static final double POSTGRES_GOAL = 1.25;

  static final double IN_MEMORY_GOAL = 5;

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
    String name = IdempotentCreateBenchmark.class.getSimpleName();
    List<String> databases = stores.stream().filter(s -> !s.equals("inmemory")).toList();
    Map<String, Measurement> m = new LinkedHashMap<>();
    try (PostgresSchema schema = stores.contains("postgres") ? pg.createMigrated() : null) {
      List<String> jvm = ForkEnvironment.jvmArgs(schema, pg.poolSize, null);
      for (int t : threads) {
        if (stores.contains("inmemory")) {
          m.putAll(
              runner.run(
                  name + "\\.(paykitCreate|bareStatements)$",
                  Map.of("store", new String[] {"inmemory"}),
                  t,
                  jvm,
                  SuiteCommand::key));
        }
        if (!databases.isEmpty()) {
          m.putAll(
              runner.run(
                  name + "\\.(paykitCreate|bareStatements|bareTwoTransactions)$",
                  Map.of("store", databases.toArray(new String[0])),
                  t,
                  jvm,
                  SuiteCommand::key));
        }
      }
    }
    Table table =
        new Table(
            "3. Idempotent create through the service (a provider that answers at once)",
            join(
                new String[] {"store", "threads"},
                Table.pairHeader("bare"),
                Table.versusHeader("2-tx floor"),
                new String[] {"goal (issue 14)"}));
    for (String store : stores) {
      for (int t : threads) {
        Measurement paykit = m.get("paykitCreate/" + store + "/" + t);
        Measurement bare = m.get("bareStatements/" + store + "/" + t);
        Measurement floor = m.get("bareTwoTransactions/" + store + "/" + t);
        table.row(
            join(
                new String[] {storeName(store), Integer.toString(t)},
                Table.pair(paykit, bare),
                Table.versus(paykit, floor),
                new String[] {goal(store, paykit, bare, floor)}));
      }
    }
    return List.of(
        table
            .note(
                "Paykit: reserve the key and record the payment with its first history entry and"
                    + " its payment.created outbox event (one phase), ask the provider, record the"
                    + " answer with its history entry and outbox event and complete the key (a"
                    + " second phase). On a database each phase is one transaction.")
            .note(
                "bare: the three statements at the heart of that work (insert key, insert"
                    + " payment, complete key) in one JDBC transaction on the same HikariCP pool"
                    + " (size "
                    + pg.poolSize
                    + "); for in-memory, the same three steps on ConcurrentHashMaps.")
            .note(
                "2-tx floor: the same rows written by a create that survives a crash during the"
                    + " provider call, in plain JDBC on the same pool: insert key, payment, first"
                    + " history entry, the payment's outbox number and its first event, commit;"
                    + " then update the payment at its known version, insert its history entry,"
                    + " raise the outbox number, insert the event, complete the key, commit; each"
                    + " transaction on a connection of its own.")
            .note(
                "Goals (issue 14): on PostgreSQL, Paykit at most "
                    + Table.ratio(POSTGRES_GOAL)
                    + " the 2-tx floor; in memory, at most "
                    + Table.ratio(IN_MEMORY_GOAL)
                    + " bare. The cases alternate: each runs once per round, "
                    + jmh.settings().rounds()
                    + " round(s). Rows added are deleted after each iteration, so the tables stay"
                    + " empty."));
  }

  private static String goal(
      String store, Measurement paykit, Measurement bare, Measurement floor) {
    if (store.equals("inmemory")) {
      return Table.goal(paykit.costRelativeTo(bare), IN_MEMORY_GOAL, "bare");
    }
    if (store.equals("postgres")) {
      return Table.goal(paykit.costRelativeTo(floor), POSTGRES_GOAL, "floor");
    }
    return "–";
  }

  private static String[] join(String[]... parts) {
    return Stream.of(parts).flatMap(Arrays::stream).toArray(String[]::new);
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
