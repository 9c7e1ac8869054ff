package dev.paykit.bench;

import dev.paykit.bench.report.Durations;
import dev.paykit.bench.report.Table;
import dev.paykit.bench.soak.Soak;
import dev.paykit.bench.support.PostgresSchema;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "soak",
    description =
        "Drives checkouts through the full stack (HTTP adapter → sandbox, JDBC on PostgreSQL,"
            + " the webhook endpoint, inbox workers, reconciler) with faults injected at"
            + " random from a seed, then checks the invariants; exits 1 on any violation.")
final class SoakCommand extends SuiteCommand {
  @Mixin PostgresOptions pg = new PostgresOptions();

  @Option(
      names = "--checkouts",
      defaultValue = "10000",
      description = "checkouts to drive (default ${DEFAULT-VALUE})")
  int checkouts;

  @Option(
      names = "--seed",
      description = "seed of the faults; printed, so that a failing run can be repeated")
  Long seed;

  @Option(
      names = "--clients",
      defaultValue = "8",
      description = "concurrent clients (default ${DEFAULT-VALUE})")
  int clients;

  @Option(
      names = "--inbox-workers",
      defaultValue = "2",
      description = "inbox worker threads per app process (default ${DEFAULT-VALUE})")
  int inboxWorkers;

  @Option(
      names = "--max-duration",
      defaultValue = "90m",
      description = "stop starting checkouts after this long (default ${DEFAULT-VALUE})")
  String maxDuration;

  @Option(
      names = "--settle-budget",
      defaultValue = "5m",
      description = "longest time to settle before checking (default ${DEFAULT-VALUE})")
  String settleBudget;

  @Option(
      names = "--keep-schema",
      description = "keep the database schema afterwards, to look into a failed run")
  boolean keepSchema;

  private boolean passed;

  @Override
  List<Table> run(PrintStream out) throws Exception {
    long s = seed != null ? seed : new SecureRandom().nextLong();
    out.println("soak: seed " + s + " (repeat with --seed " + s + ")");
    PostgresSchema schema = pg.createMigrated();
    try {
      out.println("soak: database schema " + schema.name());
      Soak.Report report =
          new Soak(
                  new Soak.Settings(
                      checkouts,
                      s,
                      clients,
                      inboxWorkers,
                      schema,
                      pg.poolSize,
                      Durations.parse(maxDuration),
                      Durations.parse(settleBudget)),
                  out)
              .run();
      passed = report.passed();
      out.println(
          passed
              ? "soak: every invariant holds"
              : "soak: FAILED (a violation, or the run did not complete or settle); seed " + s);
      return report.tables();
    } finally {
      if (keepSchema) {
        out.println("soak: kept schema " + schema.name());
      } else {
        schema.drop();
      }
    }
  }

  @Override
  int exitCode() {
    return passed ? 0 : 1;
  }
}
