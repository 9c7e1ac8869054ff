package shop;

import dev.paykit.adapter.http.HttpProviderGateway;
import dev.paykit.adapter.http.JacksonWebhookParser;
import dev.paykit.adapter.http.ProviderHttpSettings;
import dev.paykit.adapter.http.StandardWebhookVerifier;
import dev.paykit.adapter.jdbc.JdbcOptions;
import dev.paykit.adapter.jdbc.JdbcStores;
import dev.paykit.adapter.jdbc.PaykitMigrations;
import dev.paykit.adapter.observability.CompositePaykitObserver;
import dev.paykit.adapter.observability.MicrometerPaykitObserver;
import dev.paykit.adapter.observability.Slf4jPaykitObserver;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Metadata;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.ReturnUrls;
import dev.paykit.inbound.returnpage.ReturnPage;
import dev.paykit.inbound.returnpage.ReturnPageResult;
import dev.paykit.inbound.webhook.WebhookEndpoint;
import dev.paykit.inbound.webhook.WebhookServlet;
import dev.paykit.inbound.worker.InboxWorker;
import dev.paykit.inbound.worker.OutboxWorker;
import dev.paykit.inbound.worker.OutboxWorkerSettings;
import dev.paykit.inbound.worker.ReconcilerWorker;
import dev.paykit.inbound.worker.WorkerSettings;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.out.Outbox;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.service.PaykitCore;
import dev.paykit.service.PaykitSettings;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.flywaydb.core.Flyway;

/**
 * A shop that embeds Paykit: its own database pool and Flyway migrations, Paykit's tables beside
 * its own in the same schema, the webhook endpoint mounted in its own servlet container, the
 * background workers, a return page that asks the provider, and the orders fulfilled from Paykit's
 * outbox ({@link OrderFulfilment}), never from the return page. Everything here is the glue a team
 * writes; the rest comes from Paykit's published artifacts.
 */
public final class EmbeddedShop implements AutoCloseable {
  private final DataSource dataSource;
  private final JdbcStores stores;
  private final OrderFulfilment fulfilment;
  private final PaykitCore paykit;
  private final InboxWorker inbox;
  private final OutboxWorker outbox;
  private final ReconcilerWorker reconciler;
  private final Server jetty;
  private final URI baseUri;

  private EmbeddedShop(DataSource dataSource, Map<String, String> env, MeterRegistry meters, int port)
      throws Exception {
    this.dataSource = dataSource;
    // The shop's own migrations first, then Paykit's, in the same schema: each keeps its own history.
    Flyway.configure().dataSource(dataSource).load().migrate();
    PaykitMigrations.migrate(dataSource);
    stores = JdbcStores.on(dataSource, JdbcOptions.defaults().withoutMigrating());

    Clock clock = Clock.systemUTC();
    PaykitObserver observer =
        new CompositePaykitObserver(
            List.of(new Slf4jPaykitObserver(), new MicrometerPaykitObserver(meters)));
    ProviderHttpSettings provider = ProviderHttpSettings.fromEnvironment(env);
    fulfilment = new OrderFulfilment(dataSource);
    paykit =
        PaykitCore.builder()
            .stores(stores)
            .provider(
                HttpProviderGateway.create(provider, observer, clock),
                new StandardWebhookVerifier(provider.webhookSecrets(), clock),
                new JacksonWebhookParser())
            .eventHandler(fulfilment)
            .observer(observer)
            .settings(PaykitSettings.defaults())
            .clock(clock)
            .build();

    WorkerSettings workers = WorkerSettings.defaults();
    inbox = new InboxWorker(paykit.inbox(), workers).start();
    reconciler = new ReconcilerWorker(paykit.reconcile(), workers).start();
    outbox =
        new OutboxWorker(
                paykit.outbox(),
                OutboxWorkerSettings.defaults().withIdleWait(Duration.ofMillis(200)))
            .start();

    ReturnPage returnPage = new ReturnPage(paykit.list(), paykit.verify());
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(
        new ServletHolder(
            new WebhookServlet(new WebhookEndpoint(paykit.receiveWebhook(), d -> inbox.wakeUp()))),
        "/webhooks");
    context.addServlet(new ServletHolder(new ReturnPageServlet(returnPage)), "/return");
    jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    jetty.addConnector(connector);
    jetty.setHandler(context);
    jetty.start();
    baseUri = URI.create("http://127.0.0.1:" + connector.getLocalPort());
  }

  /** Starts the shop on {@code dataSource}, with the provider settings of {@code env}. */
  public static EmbeddedShop start(
      DataSource dataSource, Map<String, String> env, MeterRegistry meters, int port)
      throws Exception {
    return new EmbeddedShop(dataSource, env, meters, port);
  }

  /** Records the order in the shop's own table and starts its payment; the checkout URL. */
  public URI checkout(String orderId, Money amount) throws Exception {
    try (var connection = dataSource.getConnection();
        var insert =
            connection.prepareStatement(
                "INSERT INTO orders (order_id, amount_minor, currency) VALUES (?, ?, ?)"
                    + " ON CONFLICT (order_id) DO NOTHING")) {
      insert.setString(1, orderId);
      insert.setLong(2, amount.minorUnits());
      insert.setString(3, amount.currency().getCurrencyCode());
      insert.executeUpdate();
    }
    String returnUrl = baseUri + "/return?payment=" + ReturnUrls.PAYMENT_ID_PLACEHOLDER;
    Payment payment =
        paykit
            .create()
            .create(
                new CreatePaymentCommand(
                    IdempotencyKey.derive("shop", orderId, "attempt-1"),
                    new PaymentRequest(
                        new ExternalId(orderId),
                        amount,
                        "Order " + orderId,
                        Metadata.empty(),
                        ReturnUrls.of(returnUrl, returnUrl),
                        Duration.ofMinutes(15))))
            .payment();
    return payment.checkoutUrl();
  }

  public PaykitCore paykit() {
    return paykit;
  }

  /** The shop's handler of Paykit's outbox events. */
  public OrderFulfilment fulfilment() {
    return fulfilment;
  }

  /** Paykit's outbox in the shop's database: what was delivered to the shop, and how often. */
  public Outbox outbox() {
    return stores.outbox();
  }

  @Override
  public void close() throws Exception {
    jetty.stop();
    reconciler.stop(Duration.ofSeconds(5));
    inbox.stop(Duration.ofSeconds(5));
    outbox.stop(Duration.ofSeconds(5));
    stores.close();
  }

  /** The page the checkout sends the customer back to: what the provider says, never the URL. */
  private static final class ReturnPageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient ReturnPage returnPage;

    ReturnPageServlet(ReturnPage returnPage) {
      this.returnPage = returnPage;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      ReturnPageResult result = returnPage.show(ReturnPage.parameters(request.getQueryString()));
      response.setStatus(result.httpStatus());
      response.setContentType("text/plain; charset=utf-8");
      String state = result.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT);
      response
          .getOutputStream()
          .write(
              (state + "\n" + result.message().title() + "\n" + result.message().body())
                  .getBytes(StandardCharsets.UTF_8));
    }
  }
}
