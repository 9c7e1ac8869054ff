package dev.paykit.bench;

import dev.paykit.bench.harness.HttpCreateHarness;
import dev.paykit.bench.report.Durations;
import dev.paykit.bench.report.Table;
import dev.paykit.bench.support.PostgresSchema;
import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "http-create",
    description =
        "4. Payments created per second end to end over HTTP against the sandbox provider, at"
            + " 1, 8 and 32 concurrent callers, vs bare HttpClient calls to the same endpoint.")
final class HttpCreateCommand extends SuiteCommand {
  @Mixin PostgresOptions pg = new PostgresOptions();

  @Option(
      names = "--callers",
      split = ",",
      defaultValue = "1,8,32",
      description = "concurrent callers, comma-separated (default ${DEFAULT-VALUE})")
  List<Integer> callers;

  // Ten seconds: measured in 2 s rounds, the process time per create over HTTP kept falling for
  // about 14 s on Paykit's side (from 2.0 to 0.8 ms, the JIT still compiling the gateway, Jackson
  // and the core) and for 6 s on the bare client's; a shorter warm-up measured the compiler. Short
  // rounds, more of them: each side meets more of the machine's noisy moments.
  @Option(
      names = "--warmup",
      defaultValue = "10s",
      description = "warm-up per side and level (default ${DEFAULT-VALUE})")
  String warmup;

  @Option(
      names = "--duration",
      defaultValue = "2s",
      description = "one measured round per side (default ${DEFAULT-VALUE})")
  String duration;

  @Option(
      names = "--rounds",
      defaultValue = "6",
      description = "alternating rounds per level (default ${DEFAULT-VALUE})")
  int rounds;

  @Option(
      names = "--store",
      defaultValue = "inmemory",
      description =
          "the service's stores: inmemory (measures HTTP and the gateway) or postgres (default"
              + " ${DEFAULT-VALUE})")
  String store;

  @Override
  List<Table> run(PrintStream out) throws Exception {
    try (PostgresSchema schema = store.equals("postgres") ? pg.createMigrated() : null) {
      return List.of(
          new HttpCreateHarness(
                  new HttpCreateHarness.Settings(
                      callers,
                      Durations.parse(warmup),
                      Durations.parse(duration),
                      rounds,
                      store,
                      schema,
                      pg.poolSize),
                  out)
              .run());
    }
  }
}
