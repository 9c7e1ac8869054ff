package dev.paykit.bench;

import dev.paykit.bench.jmh.ForkEnvironment;
import dev.paykit.bench.jmh.JmhRunner;
import dev.paykit.bench.jmh.OutboxBenchmark;
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
    name = "outbox",
    description =
        "8. Outbox events per second on PostgreSQL from append to delivered (append in a phase,"
            + " claim, a handler that does nothing, mark delivered; every thread appends and"
            + " dispatches), through the port and through the core's dispatcher, vs a bare"
            + " INSERT + SELECT ... FOR UPDATE SKIP LOCKED + UPDATE queue on a table of the same"
            + " shape (JMH, cases alternated in rounds).")
final class OutboxCommand extends SuiteCommand {
  @Mixin JmhOptions jmh = new JmhOptions();
  @Mixin PostgresOptions pg = new PostgresOptions();

  @Option(
      names = "--threads",
      split = ",",
      defaultValue = "1,8",
      description =
          "thread counts, comma-separated; each thread appends and dispatches"
              + " (default ${DEFAULT-VALUE})")
  List<Integer> threads;

  @Override
  List<Table> run(PrintStream out) throws Exception {
    JmhRunner runner = new JmhRunner(jmh.settings());
    String name = OutboxBenchmark.class.getSimpleName();
    Map<String, Measurement> m = new LinkedHashMap<>();
    try (PostgresSchema schema = pg.createMigrated()) {
      List<String> jvm = ForkEnvironment.jvmArgs(schema, pg.poolSize, null);
      for (int t : threads) {
        m.putAll(
            runner.run(
                name + "\\.(paykitOutbox|paykitDispatcher|bareQueue)$",
                Map.of("store", new String[] {"postgres"}),
                t,
                jvm,
                SuiteCommand::key));
      }
    }
    Table table =
        new Table(
            "8. Outbox on PostgreSQL: events from append to delivered, per second",
            Table.cells(Table.pairHeader("bare queue"), "Paykit", "threads"));
    for (int t : threads) {
      Measurement bare = m.get("bareQueue/postgres/" + t);
      String count = Integer.toString(t);
      table.row(
          Table.cells(Table.pair(m.get("paykitOutbox/postgres/" + t), bare), "outbox port", count));
      table.row(
          Table.cells(
              Table.pair(m.get("paykitDispatcher/postgres/" + t), bare), "core dispatcher", count));
    }
    return List.of(
        table
            .note(
                "An operation is one event. Each invocation appends "
                    + OutboxBenchmark.BATCH
                    + " events, each in a phase (one transaction) of its own, then claims and"
                    + " delivers as many; p50 and p99 are of an invocation divided by its events."
                    + " Every thread appends and dispatches, so the threads' claims race for each"
                    + " other's events. Each payment gets "
                    + OutboxBenchmark.EVENTS_PER_PAYMENT
                    + " events (created, started, succeeded), one per invocation: only its"
                    + " earliest undelivered one can be claimed.")
            .note(
                "Paykit: Outbox.append in UnitOfWork.atomically (raise the payment's sequence,"
                    + " insert the event), Outbox.claim (SELECT ... FOR UPDATE SKIP LOCKED over"
                    + " payment heads, one UPDATE), a handler that does nothing, markDelivered"
                    + " per event. Via the dispatcher: the same appends, then"
                    + " DispatchOutbox.dispatchPending, which also measures the backlog after"
                    + " each pass.")
            .note(
                "bare queue: plain JDBC on the same HikariCP pool (size "
                    + pg.poolSize
                    + ") and a copy of the outbox's table (LIKE ... INCLUDING ALL: same columns,"
                    + " indexes and constraints): an INSERT per event in autocommit, then in one"
                    + " transaction SELECT id ... FOR UPDATE SKIP LOCKED of the oldest due rows,"
                    + " the handler, one UPDATE to delivered. No order per payment, no claim"
                    + " that outlives the transaction: its lock is held while the handler runs.")
            .note(
                "The cases alternate: each runs once per round, "
                    + jmh.settings().rounds()
                    + " round(s). The tables are truncated after each iteration."));
  }
}
