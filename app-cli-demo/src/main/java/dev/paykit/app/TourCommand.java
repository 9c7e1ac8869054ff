package dev.paykit.app;

import dev.paykit.adapter.http.ProviderConfigurationException;
import dev.paykit.adapter.http.ProviderHttpSettings;
import dev.paykit.app.shop.ShopModule;
import dev.paykit.app.shop.ShopOrders;
import dev.paykit.app.tour.Flow;
import dev.paykit.app.tour.FlowCatalog;
import dev.paykit.app.tour.MetricsSummary;
import dev.paykit.app.tour.MetricsView;
import dev.paykit.app.tour.Narrator;
import dev.paykit.app.tour.RecentDeliveries;
import dev.paykit.app.tour.SummaryPrinter;
import dev.paykit.app.tour.TourClock;
import dev.paykit.app.tour.TourContext;
import dev.paykit.app.tour.TourReport;
import dev.paykit.app.tour.TourRunner;
import dev.paykit.app.tour.TourSettings;
import dev.paykit.app.tour.TourWideChecks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code paykit-demo tour}: runs the flows, narrating and checking each, then sums up. */
@Command(
    name = "tour",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the sandbox provider, a webhook receiver and the shop's return page on loopback,"
          + " wires the core with Guice to the HTTP and store adapters, and runs every flow,"
          + " checking each against the sandbox's ledger and the store.",
      "Exits 0 when every check passed, 1 when one failed, 2 for a wrong command line."
    })
final class TourCommand implements Callable<Integer> {
  @Mixin private DemoOptions options;

  @Option(
      names = "--flow",
      paramLabel = "NAME",
      description = "Run only this flow (see --list-flows).")
  private String flow;

  @Option(names = "--list-flows", description = "List the flows and exit.")
  private boolean listFlows;

  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;
  private final FlowCatalog catalog;

  TourCommand(Map<String, String> env, PrintStream out, PrintStream err, FlowCatalog catalog) {
    this.env = env;
    this.out = out;
    this.err = err;
    this.catalog = catalog;
  }

  @Override
  public Integer call() {
    TourSettings settings = TourSettings.standard();
    List<Flow> all = catalog.apply(settings);
    if (listFlows) {
      all.forEach(
          f ->
              out.printf(
                  Locale.ROOT,
                  "%-26s %s%s%n",
                  f.name(),
                  f.title(),
                  f.needsSandboxOnlyEndpoints() ? "" : "  (also against another provider)"));
      return 0;
    }
    List<Flow> chosen = all;
    if (flow != null) {
      Optional<Flow> named = all.stream().filter(f -> f.name().equals(flow)).findFirst();
      if (named.isEmpty()) {
        err.println(
            "paykit-demo: unknown flow '"
                + flow
                + "'. Known flows: "
                + all.stream().map(Flow::name).collect(Collectors.joining(", ")));
        return 2;
      }
      chosen = List.of(named.get());
    }
    DemoConfig config;
    Optional<ProviderHttpSettings> external;
    try {
      config = DemoConfig.resolve(options, env);
      external = config.externalProvider();
    } catch (IllegalArgumentException
        | IOException
        | ProviderConfigurationException
        | DemoSettingException e) {
      err.println("paykit-demo: " + e.getMessage());
      return 2;
    }
    try {
      return run(settings, chosen, config, external);
    } catch (Exception e) {
      err.println("paykit-demo: the tour could not run: " + e);
      return 1;
    }
  }

  private int run(
      TourSettings settings,
      List<Flow> flows,
      DemoConfig config,
      Optional<ProviderHttpSettings> external)
      throws Exception {
    Path runDirectory = config.createRunDirectory();
    Path logFile = runDirectory.resolve("paykit-demo.log");
    LogSetup.configure(logFile, config.verbose() ? out : null);
    TourClock clock = new TourClock(Clock.systemUTC());
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    RecentDeliveries deliveries = new RecentDeliveries();
    ProviderTarget target = ProviderTarget.of(external, settings, clock);
    StoreSetup store = config.openStore(runDirectory);
    Narrator narrator = new Narrator(out);
    try (DemoRuntime runtime =
        DemoRuntime.start(
            new DemoRuntime.Setup(
                store,
                target,
                settings.paykit(),
                clock,
                registry,
                deliveries,
                settings.inboxIdleWait(),
                config.verbose(),
                config.webhookPort(),
                new ShopModule(new ShopOrders())))) {
      header(narrator, runtime, config, store, logFile, flows.size());
      TourContext tour =
          new TourContext(
              runtime,
              clock,
              deliveries,
              new MetricsView(registry),
              narrator,
              UUID.randomUUID().toString().substring(0, 8),
              settings.awaitTimeout());
      TourReport report = new TourRunner(flows, new TourWideChecks(), narrator).run(tour);
      new SummaryPrinter(narrator).print(report);
      new MetricsSummary(new MetricsView(registry), narrator).print();
      narrator.blank();
      narrator.line(
          report.allPassed()
              ? "Every check passed. The structured log of this run is " + logFile
              : "Some checks FAILED (see above). The structured log of this run is " + logFile);
      return report.exitCode();
    }
  }

  private static void header(
      Narrator narrator,
      DemoRuntime runtime,
      DemoConfig config,
      StoreSetup store,
      Path logFile,
      int flows) {
    narrator.line("Paykit tour: every practice, for real, over HTTP, against a database");
    String provider =
        runtime
            .sandbox()
            .map(
                s ->
                    "sandbox at "
                        + s.baseUri()
                        + " (started for this run; its credentials go to the gateway"
                        + " in-process and are never shown)")
            .orElse(runtime.providerSettings().baseUri() + " (credentials from the environment)");
    row(narrator, "provider", provider);
    String receiver = runtime.receiver().uri().toString();
    if (runtime.sandbox().isEmpty()) {
      receiver +=
          config.webhookPort().equals(WebhookPort.ANY_FREE)
              ? " (a free port: fix it with --webhook-port to tell the provider where to send"
                  + " webhooks)"
              : " (the provider must send its webhooks here)";
    }
    row(narrator, "webhooks", receiver);
    row(narrator, "return page", runtime.returnPage().pageUri().toString());
    row(narrator, "store", store.description());
    row(narrator, "log", logFile + " (structured key-value lines)");
    row(
        narrator,
        "clock",
        "shared by the sandbox and Paykit; some flows move it forward instead of waiting");
    row(narrator, "flows", flows + " (tour --list-flows lists them; --flow NAME runs one)");
    if (config.verbose()) {
      row(
          narrator,
          "verbose",
          "log lines and every exchange with the provider are shown, credentials masked");
    }
  }

  private static void row(Narrator narrator, String label, String value) {
    narrator.line(String.format(Locale.ROOT, "  %-12s %s", label, value));
  }
}
