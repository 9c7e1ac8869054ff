package dev.paykit.sandbox;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The standalone sandbox's command line: each {@link SandboxSetting} from its flag, else from its
 * environment variable, else its default. Picocli reads the flags and writes the help; the values
 * stay strings until {@link SandboxSetting#apply} checks them, so that an error names the flag or
 * the variable the bad value came from and no message ever repeats a secret.
 */
final class SandboxCommandLine {

  private static final String HELP = "--help";

  /** The start of the line printed once the server listens, for scripts to wait for. */
  static final String LISTENING = "Paykit sandbox listening on ";

  /** What the command line asks for. */
  sealed interface Invocation permits Help, Start {

    /**
     * Does it: prints the help, or starts the sandbox, hands it to {@code beforeReady} and then
     * prints the line saying where it listens. Whoever acts on that line (a script stopping it at
     * once) finds whatever {@code beforeReady} set up, such as a shutdown hook, in place.
     *
     * @return the started sandbox, or empty for the help
     * @throws java.io.UncheckedIOException if the server cannot listen
     */
    Optional<SandboxProvider> run(PrintStream out, Consumer<SandboxProvider> beforeReady);
  }

  /** {@code --help}: print the usage and exit. */
  record Help(String usage) implements Invocation {
    @Override
    public Optional<SandboxProvider> run(PrintStream out, Consumer<SandboxProvider> beforeReady) {
      out.print(usage);
      out.flush();
      return Optional.empty();
    }
  }

  /** Start a sandbox with this configuration. */
  record Start(SandboxConfig config) implements Invocation {
    @Override
    public Optional<SandboxProvider> run(PrintStream out, Consumer<SandboxProvider> beforeReady) {
      SandboxProvider sandbox = SandboxProvider.start(config);
      beforeReady.accept(sandbox);
      out.println(
          LISTENING
              + sandbox.baseUri()
              + " (client id "
              + sandbox.clientId()
              + ", webhooks to "
              + sandbox.webhookUrl().map(WebhookDispatcher::safe).orElse("nowhere")
              + ")");
      out.flush();
      return Optional.of(sandbox);
    }
  }

  private SandboxCommandLine() {}

  /**
   * @throws SandboxSettingException for an unknown flag, a flag without a value, a missing secret
   *     or a bad value, naming the flag or variable
   */
  static Invocation parse(String[] args, Map<String, String> env) {
    Objects.requireNonNull(args, "args");
    Objects.requireNonNull(env, "env");
    CommandLine commandLine = new CommandLine(spec());
    ParseResult parsed;
    try {
      parsed = commandLine.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      throw refused(e);
    }
    if (parsed.isUsageHelpRequested()) {
      return new Help(commandLine.getUsageMessage(CommandLine.Help.Ansi.OFF));
    }
    SandboxConfig.Builder config = SandboxConfig.builder().port(SandboxSetting.DEFAULT_PORT);
    for (SandboxSetting setting : SandboxSetting.values()) {
      String flagValue = parsed.matchedOptionValue(setting.flag(), null);
      String envValue = env.get(setting.variable());
      if (flagValue != null) {
        setting.apply(config, flagValue, setting.flag());
      } else if (envValue != null && !envValue.isBlank()) {
        setting.apply(config, envValue, setting.variable());
      } else if (setting.required()) {
        throw new SandboxSettingException(
            setting.variable(), "not set (nor " + setting.flag() + "); the sandbox needs it");
      }
    }
    return new Start(config.build());
  }

  private static CommandSpec spec() {
    SandboxConfig defaults = SandboxConfig.defaults();
    CommandSpec spec = CommandSpec.create().name("paykit-sandbox");
    spec.usageMessage()
        .description(
            "Runs the Paykit sandbox provider: a real HTTP server speaking the reference provider"
                + " API, until it is stopped (SIGTERM or Ctrl-C). When it listens it prints one"
                + " line: '"
                + LISTENING
                + "http://HOST:PORT ...'.")
        .optionListHeading(
            "%nEach setting is a flag or an environment variable; the flag wins. Durations are"
                + " ISO 8601: PT0.5S, PT30S, PT15M, PT1H30M.%n%n")
        .footer(
            "",
            "Example:",
            "  export PAYKIT_SANDBOX_CLIENT_SECRET=$(openssl rand -hex 16)",
            "  export PAYKIT_SANDBOX_WEBHOOK_SECRET=whsec_$(openssl rand -base64 32)",
            "  java -jar paykit-sandbox.jar --port 8089 --client-id demo-shop \\",
            "    --webhook-url http://127.0.0.1:8080/webhooks")
        .sortOptions(false);
    for (SandboxSetting setting : SandboxSetting.values()) {
      spec.addOption(
          OptionSpec.builder(setting.flag())
              .paramLabel(setting.label())
              .type(String.class)
              .description(setting.help(defaults))
              .build());
    }
    spec.addOption(
        OptionSpec.builder("-h", HELP)
            .usageHelp(true)
            .description("Show this help and exit.")
            .build());
    return spec;
  }

  /** Picocli's own messages can repeat an argument, which may be a secret: these never do. */
  private static SandboxSettingException refused(CommandLine.ParameterException e) {
    if (e instanceof CommandLine.UnmatchedArgumentException) {
      String first = ((CommandLine.UnmatchedArgumentException) e).getUnmatched().get(0);
      if (first.startsWith("-")) {
        int equals = first.indexOf('=');
        return new SandboxSettingException(
            equals < 0 ? first : first.substring(0, equals), "unknown option; see " + HELP);
      }
      return new SandboxSettingException(
          "arguments", "the sandbox takes options only; see " + HELP);
    }
    if (e instanceof CommandLine.MissingParameterException) {
      List<ArgSpec> missing = ((CommandLine.MissingParameterException) e).getMissing();
      return new SandboxSettingException(
          missing.isEmpty() ? "arguments" : name(missing.get(0)), "needs a value");
    }
    if (e instanceof CommandLine.OverwrittenOptionException) {
      return new SandboxSettingException(
          name(((CommandLine.OverwrittenOptionException) e).getOverwritten()),
          "given more than once");
    }
    return new SandboxSettingException(name(e.getArgSpec()), "cannot be read; see " + HELP);
  }

  private static String name(ArgSpec arg) {
    return arg instanceof OptionSpec ? ((OptionSpec) arg).longestName() : "arguments";
  }
}
