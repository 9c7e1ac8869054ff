package dev.paykit.bench.harness;

import com.sun.net.httpserver.HttpServer;
import dev.paykit.adapter.http.JacksonWebhookParser;
import dev.paykit.adapter.http.StandardWebhookVerifier;
import dev.paykit.bench.report.Measurement;
import dev.paykit.bench.report.Table;
import dev.paykit.bench.support.PostgresSchema;
import dev.paykit.bench.support.ProviderEvents;
import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.ProviderReport;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.inbound.webhook.JdkWebhookServer;
import dev.paykit.inbound.webhook.WebhookEndpoint;
import dev.paykit.inbound.worker.InboxWorker;
import dev.paykit.inbound.worker.WorkerSettings;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.Secret;
import dev.paykit.service.PaykitCore;
import dev.paykit.service.PaykitSettings;
import dev.paykit.testkit.PaymentSamples;
import dev.paykit.testkit.fake.InstantGateway;
import dev.paykit.testkit.fake.WebhookSigner;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark 5, the seed's webhook load test: {@code senders} concurrent senders deliver {@code
 * events} signed events (two per payment, shuffled so they arrive out of order, and a share of them
 * delivered twice) over HTTP to the inbound module's {@link JdkWebhookServer}; an {@link
 * InboxWorker} applies them from the inbox. It measures the time until every delivery was
 * acknowledged and until every event was processed, and counts events processed more than once and
 * events acknowledged but never processed. The baseline is the same senders and deliveries against
 * a bare JDK {@link HttpServer} that reads the body and answers 200.
 */
public final class WebhookLoadHarness {

  /** What to run; {@code schema} is used with the postgres store only. */
  public record Settings(
      int events,
      int senders,
      int duplicatePercent,
      int workers,
      int receiverThreads,
      String store,
      PostgresSchema schema,
      int poolSize,
      Duration timeout,
      long seed) {}

  /** What one run found; {@code processAll} is null if not all were processed in time. */
  public record Outcome(
      Measurement paykit,
      Measurement bare,
      Duration acknowledgeAll,
      Duration processAll,
      Duration bareAcknowledgeAll,
      int duplicatesProcessed,
      int lost,
      int unacknowledged,
      long retries) {
    public int violations() {
      return duplicatesProcessed + lost;
    }
  }

  private static final int WARMUP_PAYMENTS = 200;

  private final Settings settings;
  private final PrintStream out;
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  public WebhookLoadHarness(Settings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
  }

  public Outcome run() throws Exception {
    String secret = WebhookSigner.randomSecret();
    WebhookSigner signer = WebhookSigner.of(secret);
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    Random random = new Random(settings.seed());
    int payments = (settings.events() + 1) / 2;
    try (PaykitStores stores = stores()) {
      Clock clock = Clock.systemUTC();
      out.printf("  webhook-load: recording %,d payments to receive events for%n", payments);
      long prepared = System.nanoTime();
      List<Payment> warm = startedPayments(stores, "w", WARMUP_PAYMENTS, clock);
      List<Payment> measured = startedPayments(stores, "m", payments, clock);
      out.printf("  webhook-load: recorded in %s%n", Table.latency(System.nanoTime() - prepared));
      Processed processed = new Processed();
      PaykitCore core =
          PaykitCore.builder()
              .stores(stores.payments(), stores.keys(), stores.inbox(), stores.refunds())
              .provider(
                  new InstantGateway(clock, run),
                  new StandardWebhookVerifier(List.of(Secret.of(secret)), clock),
                  new JacksonWebhookParser())
              .observer(processed)
              .settings(PaykitSettings.defaults())
              .clock(clock)
              .build();
      List<WebhookSenders.Delivery> warmup = deliveries(warm, 0, random, "w");
      List<WebhookSenders.Delivery> load =
          deliveries(measured, settings.duplicatePercent(), random, "m");
      Set<String> expected = new HashSet<>(ids(load));
      Duration acknowledgeAll;
      Duration processAll = null;
      WebhookSenders.Result sent;
      try (InboxWorker worker =
              new InboxWorker(
                      core.inbox(),
                      WorkerSettings.defaults()
                          .withThreads(settings.workers())
                          .withBatchSize(50)
                          .withIdleWait(Duration.ofMillis(50)))
                  .start();
          JdkWebhookServer receiver =
              new JdkWebhookServer(
                      new WebhookEndpoint(core.receiveWebhook(), delivery -> worker.wakeUp()),
                      JdkWebhookServer.Settings.loopback(0).withThreads(settings.receiverThreads()))
                  .start()) {
        out.println("  webhook-load: warming up the receiver");
        send(http, receiver.uri(), signer, warmup);
        processed.await(new HashSet<>(ids(warmup)).size(), settings.timeout());
        processed.reset();
        out.printf(
            "  webhook-load: %,d deliveries (%,d events) from %d senders%n",
            load.size(), settings.events(), settings.senders());
        long start = System.nanoTime();
        sent = send(http, receiver.uri(), signer, load);
        acknowledgeAll = sent.elapsed();
        if (processed.await(expected.size(), settings.timeout())) {
          processAll = Duration.ofNanos(System.nanoTime() - start);
        }
      }
      Measurement paykit =
          new Measurement(
              "Paykit",
              sent.acknowledgedPerSecond(),
              sent.latencies().p50(),
              sent.latencies().p99());
      out.println("  webhook-load: the same deliveries against a bare HTTP server");
      WebhookSenders.Result bare = bareServer(http, signer, warmup, load);
      Measurement baseline =
          new Measurement(
              "bare", bare.acknowledgedPerSecond(), bare.latencies().p50(), bare.latencies().p99());
      int lost = expected.size() - processed.distinctOf(expected);
      int duplicates = duplicatesInHistory(stores, measured);
      return new Outcome(
          paykit,
          baseline,
          acknowledgeAll,
          processAll,
          bare.elapsed(),
          duplicates,
          lost,
          sent.unacknowledged(),
          sent.retries());
    }
  }

  private PaykitStores stores() {
    return settings.store().equals("postgres")
        ? PaykitStores.postgres(settings.schema(), settings.poolSize())
        : PaykitStores.inMemory();
  }

  private WebhookSenders.Result send(
      HttpClient http, URI target, WebhookSigner signer, List<WebhookSenders.Delivery> deliveries)
      throws InterruptedException {
    return WebhookSenders.send(
        http, target, signer, deliveries, settings.senders(), settings.timeout());
  }

  /** Payments the provider has accepted ({@code STARTED}, with a transaction id), in parallel. */
  private List<Payment> startedPayments(PaykitStores stores, String tag, int count, Clock clock)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Payment>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String id = run + tag + i;
        futures.add(pool.submit(() -> started(stores, id, clock)));
      }
      List<Payment> result = new ArrayList<>(count);
      for (Future<Payment> f : futures) {
        result.add(f.get());
      }
      return result;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Payment started(PaykitStores stores, String id, Clock clock) {
    Instant now = clock.instant();
    Payment created = PaymentSamples.created("pay_" + id, "order-" + id, now);
    stores.payments().insert(created);
    TransactionId tx = new TransactionId("tx_" + id);
    Payment started =
        created
            .apply(
                ProviderReport.fromCreateResponse(
                    new ProviderPayment(
                        tx,
                        ProviderStatus.STARTED,
                        PaymentSamples.AMOUNT,
                        created.externalId(),
                        created.request().metadata(),
                        URI.create("https://provider.example/checkout/" + tx.value()),
                        null,
                        now,
                        now,
                        now.plus(created.request().expiresIn())),
                    "req_" + id),
                now)
            .payment();
    if (!stores.payments().update(started, created.version())) {
      throw new IllegalStateException("payment " + id + " changed while it was set up");
    }
    return started;
  }

  /**
   * Two events per payment (inprogress, then confirmed) and {@code duplicatePercent} of them once
   * more, shuffled: the receiver sees steps out of order and redeliveries, as from a real provider.
   */
  private static List<WebhookSenders.Delivery> deliveries(
      List<Payment> payments, int duplicatePercent, Random random, String tag) {
    List<WebhookSenders.Delivery> events = new ArrayList<>();
    for (Payment p : payments) {
      for (String status : List.of("inprogress", "confirmed")) {
        String eventId = "evt_" + p.id().value() + "_" + status;
        events.add(
            new WebhookSenders.Delivery(
                eventId,
                ProviderEvents.paymentStatusChanged(
                    eventId,
                    p.transactionId().value(),
                    status,
                    null,
                    p.request().amount(),
                    p.externalId().value(),
                    p.createdAt())));
      }
    }
    List<WebhookSenders.Delivery> all = new ArrayList<>(events);
    int duplicates = events.size() * duplicatePercent / 100;
    for (int i = 0; i < duplicates; i++) {
      all.add(events.get(random.nextInt(events.size())));
    }
    Collections.shuffle(all, random);
    return all;
  }

  private static List<String> ids(List<WebhookSenders.Delivery> deliveries) {
    List<String> ids = new ArrayList<>();
    deliveries.forEach(d -> ids.add(d.eventId()));
    return ids;
  }

  private WebhookSenders.Result bareServer(
      HttpClient http,
      WebhookSigner signer,
      List<WebhookSenders.Delivery> warmup,
      List<WebhookSenders.Delivery> load)
      throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    ExecutorService threads = Executors.newFixedThreadPool(settings.receiverThreads());
    server.createContext(
        "/webhooks",
        exchange -> {
          try (exchange;
              InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
            exchange.sendResponseHeaders(200, -1);
          }
        });
    server.setExecutor(threads);
    server.start();
    try {
      URI target =
          URI.create(
              "http://"
                  + server.getAddress().getAddress().getHostAddress()
                  + ":"
                  + server.getAddress().getPort()
                  + "/webhooks");
      send(http, target, signer, warmup);
      return send(http, target, signer, load);
    } finally {
      server.stop(0);
      threads.shutdownNow();
    }
  }

  /**
   * Events whose id appears more than once in a payment's history: the history gets one entry each
   * time an event is applied, so more than one means it was processed twice.
   */
  private static int duplicatesInHistory(PaykitStores stores, List<Payment> payments)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      AtomicInteger duplicates = new AtomicInteger();
      List<Future<?>> futures = new ArrayList<>();
      for (Payment p : payments) {
        futures.add(
            pool.submit(
                () -> {
                  Map<String, Integer> seen = new HashMap<>();
                  for (HistoryEntry e :
                      stores.payments().findById(p.id()).orElseThrow().history()) {
                    if (e.eventId() != null && seen.merge(e.eventId(), 1, Integer::sum) == 2) {
                      duplicates.incrementAndGet();
                    }
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      return duplicates.get();
    } finally {
      pool.shutdownNow();
    }
  }

  /** Counts processed events by id, from what the core reports. */
  private static final class Processed implements PaykitObserver {
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final AtomicInteger distinct = new AtomicInteger();

    @Override
    public void on(PaykitEvent event) {
      if (event instanceof PaykitEvent.WebhookProcessed p
          && counts.computeIfAbsent(p.eventId().value(), k -> new AtomicInteger()).incrementAndGet()
              == 1) {
        distinct.incrementAndGet();
      }
    }

    void reset() {
      counts.clear();
      distinct.set(0);
    }

    int distinctOf(Collection<String> ids) {
      return (int) ids.stream().filter(counts::containsKey).count();
    }

    /** Waits until {@code want} distinct events were processed; false if the timeout came first. */
    boolean await(int want, Duration timeout) throws InterruptedException {
      long until = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < until) {
        if (distinct.get() >= want) {
          return true;
        }
        Thread.sleep(5);
      }
      return distinct.get() >= want;
    }
  }
}
