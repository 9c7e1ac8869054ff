package dev.paykit.app;

import dev.paykit.adapter.http.ProviderConfigurationException;
import dev.paykit.adapter.http.ProviderHttpSettings;
import dev.paykit.app.shop.ShopModule;
import dev.paykit.app.shop.ShopOrders;
import dev.paykit.app.tour.TourSettings;
import dev.paykit.inbound.webhook.WebhookListener;
import dev.paykit.inbound.worker.EvidenceReminderWorker;
import dev.paykit.inbound.worker.ReconcilerWorker;
import dev.paykit.inbound.worker.SubscriptionWorker;
import dev.paykit.inbound.worker.WorkerSettings;
import dev.paykit.port.in.Reconcile;
import dev.paykit.port.in.RemindEvidenceDue;
import dev.paykit.port.in.RunSubscriptions;
import dev.paykit.service.PaykitSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code paykit-demo serve}: keeps the sandbox, the webhook receiver, the demo shop and the workers
 * running, so that a person can pay in a browser: the shop's cart, the provider's hosted checkout,
 * and the shop's return page, which asks the provider what happened.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the sandbox provider, the webhook receiver, a demo shop, an inbox worker and a"
          + " reconciler, and prints the shop's address: open it in a browser, press Pay, then"
          + " Pay, Decline or Cancel at the provider's checkout, and land on the shop's return"
          + " page, which asks the provider what happened. Runs until Ctrl-C (or --seconds)."
    })
final class ServeCommand implements Callable<Integer> {
  @Mixin private DemoOptions options;

  @Option(
      names = "--seconds",
      paramLabel = "N",
      description = "Stop after N seconds (default: run until interrupted).")
  private long seconds;

  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;

  ServeCommand(Map<String, String> env, PrintStream out, PrintStream err) {
    this.env = env;
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
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
      return serve(config, external);
    } catch (Exception e) {
      err.println("paykit-demo: could not serve: " + e);
      return 1;
    }
  }

  private int serve(DemoConfig config, Optional<ProviderHttpSettings> external) throws Exception {
    TourSettings timings = TourSettings.standard();
    Path runDirectory = config.createRunDirectory();
    Path logFile = runDirectory.resolve("paykit-demo.log");
    LogSetup.configure(logFile, config.verbose() ? out : null);
    Clock clock = Clock.systemUTC();
    // A person takes minutes at a checkout page: look a payment up only after a minute of silence.
    PaykitSettings settings =
        PaykitSettings.defaults().withReconciliation(Duration.ofSeconds(30), Duration.ofMinutes(1));
    ProviderTarget target = ProviderTarget.of(external, timings, clock);
    StoreSetup store = config.openStore(runDirectory);
    try (DemoRuntime runtime =
            DemoRuntime.start(
                new DemoRuntime.Setup(
                    store,
                    target,
                    settings,
                    clock,
                    new SimpleMeterRegistry(),
                    WebhookListener.none(),
                    Duration.ofMillis(200),
                    config.verbose(),
                    config.webhookPort(),
                    new ShopModule(new ShopOrders())));
        ReconcilerWorker reconciler =
            new ReconcilerWorker(
                    runtime.get(Reconcile.class),
                    WorkerSettings.defaults().withReconcileInterval(Duration.ofSeconds(10)))
                .start();
        EvidenceReminderWorker reminders =
            new EvidenceReminderWorker(
                    runtime.get(RemindEvidenceDue.class),
                    WorkerSettings.defaults().withReconcileInterval(Duration.ofSeconds(10)))
                .start();
        SubscriptionWorker subscriptions =
            new SubscriptionWorker(
                    runtime.get(RunSubscriptions.class),
                    WorkerSettings.defaults().withReconcileInterval(Duration.ofSeconds(10)))
                .start()) {
      out.println("Paykit demo server");
      runtime.sandbox().ifPresent(s -> out.println("  provider     sandbox at " + s.baseUri()));
      out.println("  webhooks     " + runtime.receiver().uri());
      out.println("  store        " + store.description());
      out.println("  log          " + logFile);
      out.println();
      out.println("Open the shop in a browser and press Pay:");
      out.println("  " + runtime.returnPage().shopUri());
      out.println("At the provider's checkout press Pay, Decline or Cancel; you come back to the");
      out.println("shop's return page, which asks the provider what happened.");
      out.println(seconds > 0 ? "Stopping in " + seconds + " s." : "Ctrl-C stops the server.");
      out.flush();
      awaitStop();
    }
    out.println("Stopped.");
    return 0;
  }

  /** Until Ctrl-C, or for {@code --seconds}. */
  private void awaitStop() throws InterruptedException {
    CountDownLatch interrupted = new CountDownLatch(1);
    Thread hook = new Thread(interrupted::countDown, "paykit-serve-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      if (seconds > 0) {
        interrupted.await(seconds, TimeUnit.SECONDS);
      } else {
        interrupted.await();
      }
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is already exiting because of Ctrl-C; the hook has run.
      }
    }
  }
}
