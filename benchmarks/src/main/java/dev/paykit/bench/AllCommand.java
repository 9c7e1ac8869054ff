package dev.paykit.bench;

import dev.paykit.bench.report.Table;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "all",
    description =
        "Benchmarks 1 to 8 in one run, one after the other, and every table at the end: what"
            + " BENCHMARKS.md records.")
final class AllCommand extends SuiteCommand {
  @Mixin JmhOptions jmh = new JmhOptions();
  @Mixin PostgresOptions pg = new PostgresOptions();

  @Option(
      names = "--rows",
      split = ",",
      defaultValue = "10000,100000",
      description = "growth: payments stored before measuring (default ${DEFAULT-VALUE})")
  List<Long> rows;

  @Option(
      names = "--events",
      split = ",",
      defaultValue = "1000",
      description = "webhook load test: events per run (default ${DEFAULT-VALUE})")
  List<Integer> events;

  private int exitCode;

  @Override
  List<Table> run(PrintStream out) throws Exception {
    StateMachineCommand stateMachine = defaults(new StateMachineCommand());
    stateMachine.jmh = jmh;
    WebhookReceiveCommand receive = defaults(new WebhookReceiveCommand());
    receive.jmh = jmh;
    receive.pg = pg;
    CreateCommand create = defaults(new CreateCommand());
    create.jmh = jmh;
    create.pg = pg;
    HttpCreateCommand http = defaults(new HttpCreateCommand());
    http.pg = pg;
    WebhookLoadCommand load = defaults(new WebhookLoadCommand());
    load.pg = pg;
    load.events = events;
    GrowthCommand growth = defaults(new GrowthCommand());
    growth.jmh = jmh;
    growth.pg = pg;
    growth.rows = rows;
    HistoryCommand history = defaults(new HistoryCommand());
    history.jmh = jmh;
    history.pg = pg;
    OutboxCommand outbox = defaults(new OutboxCommand());
    outbox.jmh = jmh;
    outbox.pg = pg;

    List<Table> tables = new ArrayList<>();
    for (SuiteCommand suite :
        List.of(stateMachine, receive, create, http, load, growth, history, outbox)) {
      String name = suite.getClass().getAnnotation(Command.class).name();
      out.println();
      out.println("== " + name + " ==");
      try {
        List<Table> done = suite.run(out);
        done.forEach(t -> out.println(t.render()));
        tables.addAll(done);
        exitCode = Math.max(exitCode, suite.exitCode());
      } catch (Exception e) {
        // One suite failing must not throw away the half hour the others take.
        e.printStackTrace(out);
        out.println("== " + name + " FAILED: " + e + "; going on with the next suite ==");
        exitCode = 1;
      }
    }
    out.println();
    out.println("== every table ==");
    return tables;
  }

  /** The suite with its options at their defaults, as if it had been called without any. */
  private static <T> T defaults(T command) {
    new CommandLine(command).parseArgs();
    return command;
  }

  @Override
  int exitCode() {
    return exitCode;
  }
}
