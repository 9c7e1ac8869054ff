package dev.paykit.bench;

import dev.paykit.bench.jmh.ForkEnvironment;
import dev.paykit.bench.jmh.JmhRunner;
import dev.paykit.bench.jmh.WebhookReceiveBenchmark;
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
    name = "webhook-receive",
    description =
        "2. Webhooks received (verify signature, parse, inbox insert) per second, in memory and"
            + " on PostgreSQL, vs the bare HMAC-SHA256 and a bare INSERT ... ON CONFLICT DO"
            + " NOTHING on the same pool (JMH, cases alternated in rounds).")
final class WebhookReceiveCommand extends SuiteCommand {
  /** Issue 14's goal: the receive on PostgreSQL against the bare INSERT. */
  static final double POSTGRES_GOAL = 1.25;

  @Mixin JmhOptions jmh = new JmhOptions();
  @Mixin PostgresOptions pg = new PostgresOptions();

  @Option(
      names = "--threads",
      defaultValue = "1",
      description = "threads receiving at once (default ${DEFAULT-VALUE})")
  int threads;

  @Option(
      names = "--webhook-pool",
      description =
          "signed deliveries prepared per fork, each receipt needs a fresh one (default: 200,000"
              + " in memory and 20,000 on PostgreSQL per second of iteration and per thread)")
  Integer webhookPool;

  @Override
  List<Table> run(PrintStream out) throws Exception {
    String name = WebhookReceiveBenchmark.class.getSimpleName();
    JmhRunner runner = new JmhRunner(jmh.settings());
    Map<String, Measurement> m = new LinkedHashMap<>();
    try (PostgresSchema schema = pg.createMigrated()) {
      List<String> jvm = ForkEnvironment.jvmArgs(schema, pg.poolSize, webhookPool);
      m.putAll(
          runner.run(
              name + "\\.(paykitReceive|bareHmac)$",
              Map.of("store", new String[] {"inmemory"}),
              threads,
              jvm,
              SuiteCommand::key));
      m.putAll(
          runner.run(
              name + "\\.(paykitReceive|bareInsert)$",
              Map.of("store", new String[] {"postgres"}),
              threads,
              jvm,
              SuiteCommand::key));
    }
    Measurement hmac =
        m.get("bareHmac/inmemory/" + threads).withLabel("baseline: bare HMAC-SHA256 check");
    Measurement insert =
        m.get("bareInsert/postgres/" + threads)
            .withLabel("baseline: bare INSERT … ON CONFLICT DO NOTHING, PostgreSQL");
    double onPostgres = m.get("paykitReceive/postgres/" + threads).costRelativeTo(insert);
    return List.of(
        Table.benchmark(
                "2. Webhook receive: verify + parse + inbox insert per second ("
                    + threads
                    + " thread"
                    + (threads == 1 ? "" : "s")
                    + ")")
            .add(
                m.get("paykitReceive/inmemory/" + threads)
                    .withLabel("Paykit receive, in-memory inbox"),
                hmac,
                "bare HMAC")
            .add(
                m.get("paykitReceive/postgres/" + threads)
                    .withLabel("Paykit receive, PostgreSQL inbox"),
                insert,
                "bare INSERT")
            .add(
                m.get("paykitReceive/postgres/" + threads)
                    .withLabel("Paykit receive, PostgreSQL inbox"),
                hmac,
                "bare HMAC")
            .addBaseline(hmac)
            .addBaseline(insert)
            .note(
                "Each operation is a new signed payment.status_changed event (about 600 bytes);"
                    + " the bare INSERT writes the same row to the same table over plain JDBC"
                    + " from the same HikariCP pool (size "
                    + pg.poolSize
                    + "). Rows added are deleted after each iteration, outside the measured"
                    + " time, so the table stays empty. The cases alternate: each runs once per"
                    + " round, "
                    + jmh.settings().rounds()
                    + " round(s).")
            .note(
                "Goal (issue 14), the receive on PostgreSQL against the bare INSERT: "
                    + Table.ratio(onPostgres)
                    + ", "
                    + Table.goal(onPostgres, POSTGRES_GOAL, "bare INSERT")
                    + "."));
  }
}
