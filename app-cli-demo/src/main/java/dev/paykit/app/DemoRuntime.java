package dev.paykit.app;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import dev.paykit.adapter.http.HttpProviderModule;
import dev.paykit.adapter.http.ProviderHttpSettings;
import dev.paykit.adapter.observability.ObservabilityModule;
import dev.paykit.adapter.stripe.StripeSettings;
import dev.paykit.app.server.ExchangeLoggingProxy;
import dev.paykit.app.server.ReturnPageServer;
import dev.paykit.app.server.ShopSettings;
import dev.paykit.domain.payment.ProviderName;
import dev.paykit.guice.PaykitModule;
import dev.paykit.inbound.webhook.JdkWebhookServer;
import dev.paykit.inbound.webhook.WebhookEndpoint;
import dev.paykit.inbound.webhook.WebhookListener;
import dev.paykit.inbound.worker.InboxWorker;
import dev.paykit.inbound.worker.OutboxWorker;
import dev.paykit.inbound.worker.OutboxWorkerSettings;
import dev.paykit.inbound.worker.WorkerSettings;
import dev.paykit.port.in.CreatePayment;
import dev.paykit.port.in.DispatchOutbox;
import dev.paykit.port.in.ListPayments;
import dev.paykit.port.in.ProcessInbox;
import dev.paykit.port.in.ReceiveWebhook;
import dev.paykit.port.in.VerifyPayment;
import dev.paykit.port.out.Secret;
import dev.paykit.sandbox.SandboxProvider;
import dev.paykit.service.PaykitSettings;
import dev.paykit.stripefake.FakeStripe;
import dev.paykit.stripefake.FakeStripeConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Everything a demo run needs, started in order and closed in reverse: the sandbox provider (unless
 * another provider is used), the fake Stripe (the second provider, {@code stripe}), the Guice
 * injector with the core and the adapters, the webhook receiver ({@code /webhooks} for the
 * reference provider, {@code /webhooks/stripe} for Stripe), the return page, an inbox worker and an
 * outbox worker delivering to the shop.
 */
public final class DemoRuntime implements AutoCloseable {
  /**
   * The parts a run is made of; the store is opened by the caller and closed here. The webhook
   * receiver listens on {@code webhookPort} of the loopback address. {@code shop} holds the shop's
   * own bindings, its handler of outbox events among them.
   */
  public record Setup(
      StoreSetup store,
      ProviderTarget provider,
      PaykitSettings settings,
      Clock clock,
      MeterRegistry registry,
      WebhookListener listener,
      Duration inboxIdleWait,
      boolean showExchanges,
      WebhookPort webhookPort,
      Module shop) {}

  private final Deque<AutoCloseable> opened;
  private final Injector injector;
  private final SandboxProvider sandbox;
  private final FakeStripe stripe;
  private final JdkWebhookServer receiver;
  private final ReturnPageServer returnPage;
  private final ProviderHttpSettings providerSettings;

  private DemoRuntime(
      Deque<AutoCloseable> opened,
      Injector injector,
      SandboxProvider sandbox,
      FakeStripe stripe,
      JdkWebhookServer receiver,
      ReturnPageServer returnPage,
      ProviderHttpSettings providerSettings) {
    this.opened = opened;
    this.injector = injector;
    this.sandbox = sandbox;
    this.stripe = stripe;
    this.receiver = receiver;
    this.returnPage = returnPage;
    this.providerSettings = providerSettings;
  }

  /** Starts everything; if a part fails to start, what was started is closed again. */
  public static DemoRuntime start(Setup setup) throws Exception {
    Deque<AutoCloseable> opened = new ArrayDeque<>();
    opened.push(setup.store());
    try {
      SandboxProvider sandbox = null;
      ProviderHttpSettings http;
      if (setup.provider() instanceof ProviderTarget.StartSandbox start) {
        sandbox = SandboxProvider.start(start.config());
        opened.push(sandbox);
        http = sandboxSettings(sandbox, start);
      } else {
        http = ((ProviderTarget.External) setup.provider()).settings();
      }
      if (setup.showExchanges()) {
        ExchangeLoggingProxy proxy =
            new ExchangeLoggingProxy(http.baseUri(), http.requestTimeout().plusSeconds(30)).start();
        opened.push(proxy);
        http = through(proxy, http);
      }
      FakeStripe stripe = FakeStripe.start(FakeStripeConfig.defaults().withClock(setup.clock()));
      opened.push(stripe);
      Injector injector =
          Guice.createInjector(
              new PaykitModule(setup.settings(), setup.clock()),
              setup.store().module(),
              new HttpProviderModule(http),
              new DemoProviders(stripeSettings(stripe, http), setup.clock()),
              new ObservabilityModule(setup.registry()),
              setup.shop());
      setup.store().attach(injector);

      // One inbox thread holds at most one of the store's connections, so receiving and the shop
      // keep the others. Waking it on every delivery is cheap: the worker coalesces wake-ups, and
      // the deliveries of one wake-up interval share a pass.
      InboxWorker worker =
          new InboxWorker(
                  injector.getInstance(ProcessInbox.class),
                  WorkerSettings.defaults()
                      .withThreads(1)
                      .withBatchSize(50)
                      .withIdleWait(setup.inboxIdleWait()))
              .start();
      opened.push(worker);
      opened.push(
          new OutboxWorker(
                  injector.getInstance(DispatchOutbox.class),
                  OutboxWorkerSettings.defaults()
                      .withThreads(1)
                      .withIdleWait(setup.inboxIdleWait()))
              .start());
      JdkWebhookServer receiver =
          new JdkWebhookServer(
                  new WebhookEndpoint(
                      injector.getInstance(ReceiveWebhook.class),
                      delivery -> {
                        setup.listener().onDelivery(delivery);
                        worker.wakeUp();
                      }),
                  JdkWebhookServer.Settings.loopback(setup.webhookPort().value()))
              .start();
      opened.push(receiver);
      ReturnPageServer returnPage =
          new ReturnPageServer(
                  injector.getInstance(CreatePayment.class),
                  injector.getInstance(ListPayments.class),
                  injector.getInstance(VerifyPayment.class),
                  ShopSettings.standard(),
                  0)
              .start();
      opened.push(returnPage);
      if (sandbox != null) {
        sandbox.setWebhookUrl(receiver.uri());
      }
      stripe.webhookUrl(stripeWebhookUrl(receiver));
      return new DemoRuntime(opened, injector, sandbox, stripe, receiver, returnPage, http);
    } catch (Exception | Error e) {
      closeAll(opened, e);
      throw e;
    }
  }

  private static ProviderHttpSettings sandboxSettings(
      SandboxProvider sandbox, ProviderTarget.StartSandbox start) {
    return new ProviderHttpSettings(
        sandbox.baseUri(),
        sandbox.clientId(),
        Secret.of(sandbox.clientSecret().reveal()),
        List.of(Secret.of(sandbox.webhookSecret().reveal())),
        start.connectTimeout(),
        start.requestTimeout(),
        start.retry());
  }

  /** The real Stripe gateway's settings, over loopback to the fake, paced as the reference one. */
  private static StripeSettings stripeSettings(FakeStripe stripe, ProviderHttpSettings http) {
    return new StripeSettings(
        stripe.baseUri(),
        stripe.baseUri(),
        Secret.of(stripe.config().apiKey()),
        stripe.config().webhookSecrets().stream().map(Secret::of).toList(),
        stripe.baseUri().resolve("/checkout"),
        http.requestTimeout(),
        http.retryPolicy());
  }

  private static URI stripeWebhookUrl(JdkWebhookServer receiver) {
    return URI.create(receiver.uri() + "/" + DemoProviders.STRIPE.value());
  }

  /** The same settings, with the gateway talking to the provider through {@code proxy}. */
  private static ProviderHttpSettings through(
      ExchangeLoggingProxy proxy, ProviderHttpSettings http) {
    return new ProviderHttpSettings(
        proxy.uri(),
        http.clientId(),
        http.clientSecret(),
        http.webhookSecrets(),
        http.connectTimeout(),
        http.requestTimeout(),
        http.retryPolicy());
  }

  public Injector injector() {
    return injector;
  }

  public <T> T get(Class<T> type) {
    return injector.getInstance(type);
  }

  /** The sandbox this run started, or empty when the gateway talks to another provider. */
  public Optional<SandboxProvider> sandbox() {
    return Optional.ofNullable(sandbox);
  }

  /** The second provider's name, {@code stripe}. */
  public static ProviderName stripeName() {
    return DemoProviders.STRIPE;
  }

  /** The fake Stripe every run starts as its second provider. */
  public FakeStripe stripe() {
    return stripe;
  }

  /** Where the fake Stripe posts its events: the receiver's {@code /webhooks/stripe}. */
  public URI stripeWebhookUrl() {
    return stripeWebhookUrl(receiver);
  }

  public JdkWebhookServer receiver() {
    return receiver;
  }

  public ReturnPageServer returnPage() {
    return returnPage;
  }

  /** The gateway's settings (through the exchange log with --verbose); secrets print redacted. */
  public ProviderHttpSettings providerSettings() {
    return providerSettings;
  }

  @Override
  public void close() throws Exception {
    closeAll(opened, null);
  }

  private static void closeAll(Deque<AutoCloseable> opened, Throwable primary) throws Exception {
    Exception first = null;
    while (!opened.isEmpty()) {
      try {
        opened.pop().close();
      } catch (Exception e) {
        if (primary != null) {
          primary.addSuppressed(e);
        } else if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
