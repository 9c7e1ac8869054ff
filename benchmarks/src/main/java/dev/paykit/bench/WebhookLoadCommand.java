package dev.paykit.bench;

import dev.paykit.bench.harness.WebhookLoadHarness;
import dev.paykit.bench.report.Durations;
import dev.paykit.bench.report.Measurement;
import dev.paykit.bench.report.Table;
import dev.paykit.bench.support.PostgresSchema;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "webhook-load",
    description =
        "5. The webhook load test: 50 concurrent senders deliver 1,000 events (--events"
            + " 1000,100000 for the large run too) over HTTP to Paykit's webhook endpoint; time"
            + " to acknowledge all, time until all are processed, duplicates processed and lost"
            + " events (both must be 0: the exit code says). Baseline: a bare HTTP server.")
final class WebhookLoadCommand extends SuiteCommand {
  @Mixin PostgresOptions pg = new PostgresOptions();

  @Option(
      names = "--events",
      split = ",",
      defaultValue = "1000",
      description = "events per run, comma-separated (default ${DEFAULT-VALUE})")
  List<Integer> events;

  @Option(
      names = "--senders",
      defaultValue = "50",
      description = "concurrent senders (default ${DEFAULT-VALUE})")
  int senders;

  @Option(
      names = "--duplicates",
      defaultValue = "10",
      description = "percent of events delivered a second time (default ${DEFAULT-VALUE})")
  int duplicatePercent;

  @Option(
      names = "--workers",
      defaultValue = "2",
      description =
          "inbox worker threads (default ${DEFAULT-VALUE}, the library's: more threads than cores"
              + " only compete with receiving)")
  int workers;

  @Option(
      names = "--receiver-threads",
      defaultValue = "64",
      description =
          "threads of the webhook endpoint; a sender beyond them is answered 503 and sends again"
              + " (default ${DEFAULT-VALUE})")
  int receiverThreads;

  @Option(
      names = "--rounds",
      defaultValue = "3",
      description =
          "rounds the deliveries are split into, each sent to Paykit and to the bare server in"
              + " turn (default ${DEFAULT-VALUE})")
  int rounds;

  @Option(
      names = "--store",
      defaultValue = "postgres",
      description = "the inbox and payments: postgres or inmemory (default ${DEFAULT-VALUE})")
  String store;

  @Option(
      names = "--receive-pool",
      defaultValue = "0",
      description =
          "PostgreSQL connections of a second pool that only receiving uses, leaving --pool-size"
              + " to the inbox workers; 0 shares one pool (default ${DEFAULT-VALUE})")
  int receivePool;

  @Option(
      names = "--timeout",
      defaultValue = "15m",
      description = "longest wait for sending and for processing (default ${DEFAULT-VALUE})")
  String timeout;

  @Option(names = "--seed", defaultValue = "1124", description = "shuffle seed")
  long seed;

  private int violations;

  @Override
  List<Table> run(PrintStream out) throws Exception {
    Table table =
        new Table(
            "5. Webhook load test: "
                + senders
                + " concurrent senders over HTTP to Paykit's webhook endpoint",
            "receiver",
            "events",
            "acks/s",
            "p50",
            "p99",
            "time to acknowledge all",
            "time until all processed",
            "duplicates processed",
            "lost",
            "cost vs bare");
    for (int count : events) {
      try (PostgresSchema schema = store.equals("postgres") ? pg.createMigrated() : null) {
        WebhookLoadHarness.Outcome o =
            new WebhookLoadHarness(
                    new WebhookLoadHarness.Settings(
                        count,
                        senders,
                        duplicatePercent,
                        workers,
                        receiverThreads,
                        rounds,
                        store,
                        schema,
                        pg.poolSize,
                        receivePool,
                        Durations.parse(timeout),
                        seed),
                    out)
                .run();
        violations += o.violations();
        String n = String.format(Locale.ROOT, "%,d", count);
        table.row(
            "Paykit ("
                + storeName()
                + " inbox, "
                + workers
                + " inbox workers"
                + (receivePool > 0 ? ", receiving on a pool of " + receivePool + " of its own" : "")
                + ")",
            n,
            Table.opsPerSecond(o.paykit().opsPerSecond()),
            Table.latency(o.paykit().p50Nanos()),
            Table.latency(o.paykit().p99Nanos()),
            seconds(o.acknowledgeAll()),
            o.processAll() == null ? "not within " + timeout : seconds(o.processAll()),
            Integer.toString(o.duplicatesProcessed()),
            Integer.toString(o.lost()),
            Table.ratio(o.paykit().costRelativeTo(o.bare())));
        Measurement bare = o.bare();
        table.row(
            "baseline: bare JDK HttpServer answering 200",
            n,
            Table.opsPerSecond(bare.opsPerSecond()),
            Table.latency(bare.p50Nanos()),
            Table.latency(bare.p99Nanos()),
            seconds(o.bareAcknowledgeAll()),
            "–",
            "–",
            "–",
            "1.00×");
        if (o.unacknowledged() > 0 || o.retries() > 0) {
          table.note(
              n
                  + " events: "
                  + o.unacknowledged()
                  + " deliveries never acknowledged, "
                  + o.retries()
                  + " sent again after a non-2xx or an I/O error.");
        }
      }
    }
    return List.of(
        table.note(
            "Two events per payment (inprogress, confirmed), plus "
                + duplicatePercent
                + " % of them delivered a second time, shuffled; each signed when sent. Sent in "
                + rounds
                + " parts, each to both receivers in turn (which goes first alternates); the"
                + " inbox workers run throughout, and finish each Paykit round's events before"
                + " the next round. Both servers with sun.net.httpserver.nodelay="
                + Boolean.getBoolean("sun.net.httpserver.nodelay")
                + ". acks/s"
                + " and latencies are per delivery, first attempt to 2xx. Processed: applied"
                + " through the state machine by the inbox workers. Duplicates processed: an"
                + " event id with more than one history entry; lost: acknowledged, never"
                + " processed."));
  }

  private String storeName() {
    return store.equals("postgres") ? "PostgreSQL" : "in-memory";
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.2f s", d.toNanos() / 1e9);
  }

  @Override
  int exitCode() {
    return violations == 0 ? 0 : 1;
  }
}
