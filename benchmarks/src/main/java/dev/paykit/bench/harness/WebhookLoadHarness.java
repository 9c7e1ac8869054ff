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
import java.io.IOException;
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
import java.util.Locale;
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
 * a bare JDK {@link HttpServer} that reads the body and answers 200. The deliveries are sent in
 * {@code rounds} parts, each to both receivers in turn (which one goes first alternates), so that a
 * noisy moment of a shared machine falls on both; after each of Paykit's rounds the workers finish
 * its events before the next round starts.
 */
public final class WebhookLoadHarness {

  /**
   * What to run; {@code schema} is used with the postgres store only. {@code receivePool} above 0
   * gives receiving a pool of that many connections of its own, on the same schema, and leaves
   * {@code poolSize} to the workers; 0 has both share one pool.
   */
  public record Settings(
      int events,
      int senders,
      int duplicatePercent,
      int workers,
      int receiverThreads,
      int rounds,
      String store,
      PostgresSchema schema,
      int poolSize,
      int receivePool,
      Duration timeout,
      long seed) {
    public Settings {
      if (rounds < 1 || rounds > events) {
        throw new IllegalArgumentException(
            "rounds must be between 1 and the number of events, was " + rounds);
      }
      if (receivePool < 0 || receivePool > 0 && !store.equals("postgres")) {
        throw new IllegalArgumentException(
            "a receive pool is a number of PostgreSQL connections, was " + receivePool);
      }
    }
  }

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

  /**
   * 2,000 deliveries to each receiver before the first round: with fewer, Paykit's first round ran
   * at half the rate of its later ones (its path through Jackson, JDBI and the driver was still
   * being compiled) while the bare server's was as fast as its last.
   */
  private static final int WARMUP_PAYMENTS = 1000;

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
    try (PaykitStores stores = stores();
        PaykitStores receiving =
            settings.receivePool() > 0
                ? PaykitStores.postgres(settings.schema(), settings.receivePool())
                : null) {
      Clock clock = Clock.systemUTC();
      out.printf("  webhook-load: recording %,d payments to receive events for%n", payments);
      long prepared = System.nanoTime();
      List<Payment> warm = startedPayments(stores, "w", WARMUP_PAYMENTS, clock);
      List<Payment> measured = startedPayments(stores, "m", payments, clock);
      out.printf("  webhook-load: recorded in %s%n", Table.latency(System.nanoTime() - prepared));
      Processed processed = new Processed();
      PaykitCore core = core(stores, secret, processed, clock);
      // With a pool of its own, receiving never waits for a connection a worker holds.
      PaykitCore receiver = receiving == null ? core : core(receiving, secret, processed, clock);
      List<WebhookSenders.Delivery> warmup = deliveries(warm, 0, random, "w");
      List<WebhookSenders.Delivery> load =
          deliveries(measured, settings.duplicatePercent(), random, "m");
      Set<String> expected = new HashSet<>();
      List<WebhookSenders.Result> paykitRounds = new ArrayList<>();
      List<WebhookSenders.Result> bareRounds = new ArrayList<>();
      Duration processAll = Duration.ZERO;
      try (InboxWorker worker =
              new InboxWorker(
                      core.inbox(),
                      WorkerSettings.defaults()
                          .withThreads(settings.workers())
                          .withBatchSize(50)
                          .withIdleWait(Duration.ofMillis(50)))
                  .start();
          JdkWebhookServer endpoint =
              new JdkWebhookServer(
                      new WebhookEndpoint(receiver.receiveWebhook(), delivery -> worker.wakeUp()),
                      JdkWebhookServer.Settings.loopback(0).withThreads(settings.receiverThreads()))
                  .start();
          BareServer bare = new BareServer(settings.receiverThreads())) {
        out.println("  webhook-load: warming up both receivers");
        send(http, endpoint.uri(), signer, warmup);
        if (!processed.await(new HashSet<>(ids(warmup)).size(), settings.timeout())) {
          throw new IllegalStateException("the warm-up's events were not processed in time");
        }
        processed.reset();
        send(http, bare.uri(), signer, warmup);
        out.printf(
            "  webhook-load: %,d deliveries (%,d events) from %d senders, %d alternating rounds"
                + " per receiver%n",
            load.size(), settings.events(), settings.senders(), settings.rounds());
        for (int r = 0; r < settings.rounds(); r++) {
          List<WebhookSenders.Delivery> slice = slice(load, r, settings.rounds());
          expected.addAll(ids(slice));
          // Each receiver goes first in every other round, so that neither always meets the
          // machine as the other left it.
          if (r % 2 == 1) {
            bareRounds.add(send(http, bare.uri(), signer, slice));
          }
          long start = System.nanoTime();
          paykitRounds.add(send(http, endpoint.uri(), signer, slice));
          // The workers finish this round's events before the bare server's round starts.
          if (processAll != null && processed.await(expected.size(), settings.timeout())) {
            processAll = processAll.plusNanos(System.nanoTime() - start);
          } else {
            processAll = null;
          }
          if (r % 2 == 0) {
            bareRounds.add(send(http, bare.uri(), signer, slice));
          }
          out.printf(
              Locale.ROOT,
              "  webhook-load: round %d of %d: Paykit %,.0f acks/s, bare %,.0f acks/s%n",
              r + 1,
              settings.rounds(),
              paykitRounds.get(r).acknowledgedPerSecond(),
              bareRounds.get(r).acknowledgedPerSecond());
        }
      }
      WebhookSenders.Result sent = WebhookSenders.Result.merge(paykitRounds);
      WebhookSenders.Result bare = WebhookSenders.Result.merge(bareRounds);
      int lost = expected.size() - processed.distinctOf(expected);
      int duplicates = duplicatesInHistory(stores, measured);
      return new Outcome(
          measurement("Paykit", sent),
          measurement("bare", bare),
          sent.elapsed(),
          processAll,
          bare.elapsed(),
          duplicates,
          lost,
          sent.unacknowledged(),
          sent.retries());
    }
  }

  private PaykitCore core(
      PaykitStores stores, String secret, PaykitObserver observer, Clock clock) {
    return PaykitCore.builder()
        .stores(stores)
        .provider(
            new InstantGateway(clock, run),
            new StandardWebhookVerifier(List.of(Secret.of(secret)), clock),
            new JacksonWebhookParser())
        .observer(observer)
        .settings(PaykitSettings.defaults())
        .clock(clock)
        .build();
  }

  private static Measurement measurement(String label, WebhookSenders.Result result) {
    return new Measurement(
        label,
        result.acknowledgedPerSecond(),
        result.percentiles().p50(),
        result.percentiles().p99());
  }

  /** The {@code round}-th of {@code rounds} near-equal consecutive parts of {@code all}. */
  private static <T> List<T> slice(List<T> all, int round, int rounds) {
    return all.subList(all.size() * round / rounds, all.size() * (round + 1) / rounds);
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

  /** The baseline: the JDK's {@link HttpServer} that reads the body and answers 200. */
  private static final class BareServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads;

    BareServer(int threadCount) throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
      threads = Executors.newFixedThreadPool(threadCount);
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
    }

    URI uri() {
      InetSocketAddress address = server.getAddress();
      return URI.create(
          "http://"
              + address.getAddress().getHostAddress()
              + ":"
              + address.getPort()
              + "/webhooks");
    }

    @Override
    public void close() {
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
                  for (HistoryEntry e : stores.payments().history(p.id())) {
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
