package dev.paykit.app;

import dev.paykit.adapter.http.ProviderConfigurationException;
import dev.paykit.adapter.http.ProviderHttpSettings;
import dev.paykit.app.tour.TourSettings;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Metadata;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.inbound.webhook.WebhookListener;
import dev.paykit.inbound.worker.ReconcilerWorker;
import dev.paykit.inbound.worker.WorkerSettings;
import dev.paykit.port.in.CreatePayment;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.in.Reconcile;
import dev.paykit.service.PaykitSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code paykit-demo serve}: keeps the sandbox, the webhook receiver, the return page and the
 * workers running, and creates a payment whose checkout page a person can open in a browser.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the sandbox provider, the webhook receiver, the shop's return page, an inbox worker"
          + " and a reconciler, creates a payment and prints its checkout URL: open it in a"
          + " browser, press Pay, Decline or Cancel, and land on the shop's page, which asks the"
          + " provider what happened. Runs until Ctrl-C (or --seconds)."
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
    } catch (IllegalArgumentException | IOException | ProviderConfigurationException e) {
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
                    config.verbose()));
        ReconcilerWorker reconciler =
            new ReconcilerWorker(
                    runtime.get(Reconcile.class),
                    WorkerSettings.defaults().withReconcileInterval(Duration.ofSeconds(10)))
                .start()) {
      Payment payment = createPayment(runtime);
      out.println("Paykit demo server");
      runtime.sandbox().ifPresent(s -> out.println("  provider     sandbox at " + s.baseUri()));
      out.println("  webhooks     " + runtime.receiver().uri());
      out.println("  store        " + store.description());
      out.println("  log          " + logFile);
      out.println();
      out.println("Open the checkout in a browser and press Pay, Decline or Cancel:");
      out.println("  " + payment.checkoutUrl());
      out.println("You come back to the shop's page, which asks the provider what happened:");
      out.println("  " + runtime.returnPage().pageFor(payment.externalId()));
      out.println(seconds > 0 ? "Stopping in " + seconds + " s." : "Ctrl-C stops the server.");
      out.flush();
      awaitStop();
    }
    out.println("Stopped.");
    return 0;
  }

  private static Payment createPayment(DemoRuntime runtime) {
    ExternalId order = new ExternalId("serve-" + UUID.randomUUID().toString().substring(0, 8));
    PaymentRequest request =
        new PaymentRequest(
            order,
            Money.of(1050, "EUR"),
            "Two concert tickets",
            Metadata.of(Map.of("channel", "serve")),
            runtime.returnPage().returnUrlsFor(order),
            Duration.ofMinutes(30));
    return runtime
        .get(CreatePayment.class)
        .create(
            new CreatePaymentCommand(
                IdempotencyKey.derive("paykit-serve", order.value(), "attempt-1"), request))
        .payment();
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
