package dev.paykit.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Paykit's benchmarks and soak, one jar: {@code java -jar benchmarks/target/paykit-benchmarks.jar
 * <command>}. Every benchmark prints ops/s, p50, p99 and the ratio to a baseline measured in the
 * same run; the soak prints its invariants and exits non-zero on any violation.
 */
@Command(
    name = "paykit-benchmarks",
    mixinStandardHelpOptions = true,
    subcommands = {
      StateMachineCommand.class,
      WebhookReceiveCommand.class,
      CreateCommand.class,
      HttpCreateCommand.class,
      WebhookLoadCommand.class,
      GrowthCommand.class,
      HistoryCommand.class,
      OutboxCommand.class,
      AllCommand.class,
      SoakCommand.class,
      CommandLine.HelpCommand.class
    },
    description = "Paykit's benchmarks (see BENCHMARKS.md).")
public final class BenchmarkMain {
  /** The benchmarks' logging, named explicitly so that no dependency's logback.xml applies. */
  private static final String LOGGING = "paykit-bench-logback.xml";

  private static final String NO_DELAY = "sun.net.httpserver.nodelay";

  private BenchmarkMain() {}

  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LOGGING);
    }
    // The JDK's HttpServer (the sandbox's and the demo receiver's) leaves Nagle's algorithm on
    // unless told otherwise: every answer written in two parts then waits for the client's delayed
    // ACK, about 40 ms on Linux, and every loopback figure would measure that instead of Paykit.
    if (System.getProperty(NO_DELAY) == null) {
      System.setProperty(NO_DELAY, "true");
    }
    CommandLine cli = new CommandLine(BenchmarkMain.class);
    if (args.length == 0) {
      cli.usage(System.out);
      System.exit(2);
    }
    System.exit(cli.execute(args));
  }
}
