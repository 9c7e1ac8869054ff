package dev.paykit.app;

import dev.paykit.app.tour.FlowCatalog;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code paykit-demo}: the tour of every payment flow, and a server to click through the checkout
 * by hand. {@code tour} is the default command, so {@code java -jar paykit-demo.jar} runs it, and
 * {@code java -jar paykit-demo.jar --store memory} is {@code tour --store memory}.
 */
@Command(
    name = "paykit-demo",
    mixinStandardHelpOptions = true,
    versionProvider = PaykitDemo.Version.class,
    description = {
      "Watch every payment-integration practice of Paykit happen for real: over HTTP, against a"
          + " sandbox provider, with a database.",
      "",
      "Commands: tour (the default) runs every flow and checks it; serve keeps the sandbox and"
          + " the shop running for a browser."
    },
    subcommands = {CommandLine.HelpCommand.class})
public final class PaykitDemo implements Runnable {
  private static final Set<String> TOP_LEVEL_OPTIONS = Set.of("-h", "--help", "-V", "--version");

  @Spec private CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args, System.getenv(), System.out, System.err, FlowCatalog.standard()));
  }

  /**
   * Runs the command line and returns its exit code: 0 when every check passed, 1 when one failed
   * or the run could not start, 2 for a wrong command line.
   */
  public static int execute(
      String[] args, Map<String, String> env, PrintStream out, PrintStream err, FlowCatalog flows) {
    CommandLine cli =
        new CommandLine(new PaykitDemo())
            .addSubcommand("tour", new TourCommand(env, out, err, flows))
            .addSubcommand("serve", new ServeCommand(env, out, err));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(withDefaultCommand(args));
  }

  /** Puts {@code tour} in front when no command is named. */
  static String[] withDefaultCommand(String[] args) {
    if (args.length == 0) {
      return new String[] {"tour"};
    }
    if (args[0].startsWith("-") && !TOP_LEVEL_OPTIONS.contains(args[0])) {
      String[] withTour = new String[args.length + 1];
      withTour[0] = "tour";
      System.arraycopy(args, 0, withTour, 1, args.length);
      return withTour;
    }
    return args;
  }

  @Override
  public void run() {
    // Reached only through withDefaultCommand's exceptions, e.g. a bare top-level option.
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The version from the jar's manifest, when there is one. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = PaykitDemo.class.getPackage().getImplementationVersion();
      return new String[] {
        "paykit-demo " + (version == null ? "(development build)" : version),
        "Java " + System.getProperty("java.version") + ", " + Charset.defaultCharset()
      };
    }
  }
}
