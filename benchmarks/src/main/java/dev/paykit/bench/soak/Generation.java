package dev.paykit.bench.soak;

import dev.paykit.adapter.http.HttpProviderGateway;
import dev.paykit.adapter.http.JacksonWebhookParser;
import dev.paykit.adapter.http.ProviderHttpSettings;
import dev.paykit.adapter.http.StandardWebhookVerifier;
import dev.paykit.bench.harness.PaykitStores;
import dev.paykit.bench.support.PostgresSchema;
import dev.paykit.inbound.webhook.JdkWebhookServer;
import dev.paykit.inbound.webhook.WebhookEndpoint;
import dev.paykit.inbound.webhook.WebhookListener;
import dev.paykit.inbound.worker.InboxWorker;
import dev.paykit.inbound.worker.OutboxWorker;
import dev.paykit.inbound.worker.OutboxWorkerSettings;
import dev.paykit.inbound.worker.ReconcilerWorker;
import dev.paykit.inbound.worker.WorkerSettings;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.Stores;
import dev.paykit.service.PaykitCore;
import dev.paykit.service.PaykitSettings;
import dev.paykit.testkit.flows.CrashPoints;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * One life of the app process: its own pool on the shared database, core, webhook receiver, inbox
 * workers, reconciler, and the shop's outbox dispatchers with the shop's own pool. A crash ends a
 * generation abruptly; the next one starts fresh on the same database, with the same receiver port,
 * as a restarted process would.
 */
final class Generation {

  /** Threads handing outbox events to the shop, each with one of the shop's connections. */
  static final int OUTBOX_WORKERS = 2;

  /** What every generation is built from; {@code seed} draws the shop's own failures. */
  record Parts(
      PostgresSchema schema,
      int poolSize,
      ProviderHttpSettings provider,
      PaykitSettings settings,
      int inboxWorkers,
      Duration reconcileEvery,
      SoakStats stats,
      CrashPoints crashes,
      WebhookListener listener,
      long seed) {}

  private final int number;
  private final Parts parts;
  private final PaykitStores stores;

  /** The stores the core uses: {@link #stores}, the payment store wrapped for crash points. */
  private final Stores crashable;

  private final ProviderGateway gateway;
  private final SoakShop shop;
  private final PaykitCore core;
  private final InboxWorker worker;
  private final OutboxWorker dispatcher;
  private final JdkWebhookServer receiver;
  private final ReconcilerWorker reconciler;

  private Generation(int number, Parts parts, int port) {
    this.number = number;
    this.parts = parts;
    this.stores = PaykitStores.postgres(parts.schema(), parts.poolSize());
    SoakStats stats = parts.stats();
    this.crashable = parts.crashes().stores(stores);
    this.gateway =
        parts
            .crashes()
            .gateway(HttpProviderGateway.create(parts.provider(), stats, Clock.systemUTC()));
    this.shop = SoakShop.open(parts.schema(), OUTBOX_WORKERS, parts.seed(), stats);
    this.core = core(parts.settings());
    WorkerSettings workers =
        WorkerSettings.defaults()
            .withThreads(parts.inboxWorkers())
            .withBatchSize(20)
            .withIdleWait(Duration.ofMillis(100))
            .withReconcileInterval(parts.reconcileEvery());
    this.worker = new InboxWorker(core.inbox(), workers).start();
    this.receiver = listen(port);
    this.reconciler = new ReconcilerWorker(core.reconcile(), workers).start();
    this.dispatcher =
        new OutboxWorker(
                core.outbox(),
                OutboxWorkerSettings.defaults()
                    .withThreads(OUTBOX_WORKERS)
                    .withIdleWait(Duration.ofMillis(100)))
            .start();
  }

  static Generation start(int number, Parts parts, int port) {
    return new Generation(number, parts, port);
  }

  /**
   * The receiver on {@code port} (0 for any). A restarted process binds the port its predecessor
   * had; the predecessor's socket may take a moment to be released.
   */
  private JdkWebhookServer listen(int port) {
    for (int attempt = 1; ; attempt++) {
      try {
        return new JdkWebhookServer(
                new WebhookEndpoint(
                    core.receiveWebhook(),
                    delivery -> {
                      parts.listener().onDelivery(delivery);
                      worker.wakeUp();
                    }),
                JdkWebhookServer.Settings.loopback(port))
            .start();
      } catch (UncheckedIOException e) {
        if (attempt >= 50) {
          throw e;
        }
        sleep(100);
      }
    }
  }

  /** A core over this generation's adapters with other settings (the final reconciliation). */
  PaykitCore core(PaykitSettings settings) {
    return PaykitCore.builder()
        .stores(crashable)
        .provider(
            gateway,
            new StandardWebhookVerifier(parts.provider().webhookSecrets(), Clock.systemUTC()),
            new JacksonWebhookParser())
        .observer(parts.stats())
        .eventHandler(shop)
        .settings(settings)
        .clock(Clock.systemUTC())
        .build();
  }

  int number() {
    return number;
  }

  PaykitCore core() {
    return core;
  }

  URI webhookUri() {
    return receiver.uri();
  }

  int port() {
    return webhookUri().getPort();
  }

  /**
   * The process dies: its connections go first, so whatever it was writing is rolled back or left
   * half-done exactly where it was, then it stops listening and working. Nothing is finished.
   */
  void crash() {
    stores.close();
    shop.close();
    receiver.close();
    reconciler.stop(Duration.ZERO);
    worker.stop(Duration.ZERO);
    dispatcher.stop(Duration.ZERO);
  }

  /** A clean shutdown: stop taking work, finish the current pass, then close the pool. */
  void stop() {
    receiver.close();
    reconciler.close();
    worker.close();
    dispatcher.close();
    shop.close();
    stores.close();
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
