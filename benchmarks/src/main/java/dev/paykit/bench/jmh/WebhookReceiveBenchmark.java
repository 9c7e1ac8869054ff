package dev.paykit.bench.jmh;

import com.google.inject.Injector;
import com.zaxxer.hikari.HikariDataSource;
import dev.paykit.adapter.http.JacksonWebhookParser;
import dev.paykit.adapter.http.StandardWebhookVerifier;
import dev.paykit.adapter.inmemory.InMemoryStores;
import dev.paykit.bench.support.PostgresSchema;
import dev.paykit.bench.support.ProviderEvents;
import dev.paykit.port.in.WebhookReceipt;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.ProviderGateways;
import dev.paykit.port.out.Secret;
import dev.paykit.port.out.WebhookInbox;
import dev.paykit.port.shared.WebhookHeaders;
import dev.paykit.service.ReceiveWebhookService;
import dev.paykit.testkit.PaymentSamples;
import dev.paykit.testkit.fake.InstantGateway;
import dev.paykit.testkit.fake.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Benchmark 2 (and half of 6): receiving a webhook through {@link ReceiveWebhookService} with the
 * real verifier ({@link StandardWebhookVerifier}), parser ({@link JacksonWebhookParser}) and an
 * inbox in memory or on PostgreSQL, against two baselines over the same signed deliveries: the bare
 * HMAC-SHA256 check of the signature, and a bare {@code INSERT ... ON CONFLICT DO NOTHING} of the
 * same row into the same table over plain JDBC from the same pool.
 *
 * <p>Every receipt takes the next of a pool of deliveries signed before the trial, each with an
 * event id of its own, so every receipt is a new event (a duplicate would take the cheaper path); a
 * receipt that is anything but {@code Accepted} fails the run rather than count. The HMAC baseline,
 * which stores nothing, goes round the same pool.
 */
public class WebhookReceiveBenchmark {

  static final String INSERT =
      "insert into webhook_inbox (event_id, event_type, payload, status, attempts, received_at,"
          + " next_attempt_at, claim_token, claimed_until, last_error, processed_at)"
          + " values (?, ?, ?, 'PENDING', 0, ?, ?, null, null, null, null) on conflict do nothing";

  /** One signed delivery, and what the bare HMAC baseline needs of it. */
  record Delivery(
      String eventId, byte[] body, WebhookHeaders headers, byte[] signedPrefix, byte[] signature) {}

  @State(Scope.Benchmark)
  public static class Receiver {
    @Param({"inmemory", "postgres"})
    public String store;

    /** Rows the schema held before the run: a label only, for the growth benchmark. */
    @Param("0")
    public long rows;

    Delivery[] deliveries;
    final AtomicInteger cursor = new AtomicInteger();
    SecretKeySpec key;
    StandardWebhookVerifier verifier;
    JacksonWebhookParser parser;
    WebhookInbox inbox;
    ReceiveWebhookService service;
    Injector stores;
    HikariDataSource pool;
    Rows added;

    /**
     * Enough fresh deliveries for the longest iteration at a rate above any seen on the machines
     * this ran on (over 75,000 receipts a second per thread in memory; on PostgreSQL about 1,000 on
     * one machine and over 5,000 on another whose disk flushes faster); an iteration that needs
     * more fails and says so.
     */
    @Setup(Level.Trial)
    public void prepare(BenchmarkParams params) {
      String secret = WebhookSigner.randomSecret();
      WebhookSigner signer = WebhookSigner.of(secret);
      key = new SecretKeySpec(signer.key(), "HmacSHA256");
      verifier = new StandardWebhookVerifier(List.of(Secret.of(secret)), Clock.systemUTC());
      parser = new JacksonWebhookParser();
      boolean postgres = store.equals("postgres");
      added = new Rows(rows > 0);
      long seconds =
          Math.max(
              params.getWarmup().getTime().convertTo(TimeUnit.SECONDS),
              params.getMeasurement().getTime().convertTo(TimeUnit.SECONDS));
      int perSecond = postgres ? 20_000 : 200_000;
      deliveries =
          sign(
              signer,
              ForkEnvironment.webhookPool(
                  (int)
                      Math.min(2_000_000, perSecond * Math.max(1, seconds) * params.getThreads())));
      if (postgres) {
        PostgresSchema schema = ForkEnvironment.schema();
        stores = schema.openStores(ForkEnvironment.poolSize());
        pool = stores.getInstance(HikariDataSource.class);
        inbox = stores.getInstance(WebhookInbox.class);
        service = service(inbox);
      }
    }

    private static Delivery[] sign(WebhookSigner signer, int count) {
      String run = UUID.randomUUID().toString().substring(0, 8);
      long timestamp = Instant.now().getEpochSecond();
      Delivery[] result = new Delivery[count];
      for (int i = 0; i < count; i++) {
        String id = "evt_b" + run + "_" + i;
        byte[] body =
            ProviderEvents.paymentStatusChanged(
                id,
                "tx_b" + run + "_" + i,
                i % 2 == 0 ? "inprogress" : "confirmed",
                null,
                PaymentSamples.AMOUNT,
                "order-" + i,
                Instant.ofEpochSecond(timestamp));
        String signature = signer.signature(id, timestamp, body);
        result[i] =
            new Delivery(
                id,
                body,
                signer.webhookHeaders(id, timestamp, body),
                (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8),
                Base64.getDecoder().decode(signature.substring(3)));
      }
      return result;
    }

    private ReceiveWebhookService service(WebhookInbox target) {
      // Receiving never calls the gateway; the provider needs one all the same.
      ProviderGateways provider =
          ProviderGateways.single(new InstantGateway(Clock.systemUTC(), "bench"), verifier, parser);
      return new ReceiveWebhookService(provider, target, PaykitObserver.noop(), Clock.systemUTC());
    }

    @Setup(Level.Iteration)
    public void freshIteration() {
      cursor.set(0);
      if (pool == null) {
        inbox = new InMemoryStores().inbox();
        service = service(inbox);
      }
    }

    /** A delivery whose event id this iteration has not used: a receipt must be a new event. */
    Delivery fresh() {
      int i = cursor.getAndIncrement();
      if (i >= deliveries.length) {
        throw new IllegalStateException(
            "the pool of "
                + deliveries.length
                + " signed deliveries ran out within one iteration; raise --webhook-pool");
      }
      return deliveries[i];
    }

    /** Any delivery, round the pool: checking a signature stores nothing, so repeats cost alike. */
    Delivery any() {
      return deliveries[Math.floorMod(cursor.getAndIncrement(), deliveries.length)];
    }

    @TearDown(Level.Iteration)
    public void removeAddedRows() throws SQLException {
      if (pool != null) {
        added.reset(
            pool, List.of("webhook_inbox"), "delete from webhook_inbox where event_id in (%s)");
      }
    }

    @TearDown(Level.Trial)
    public void close() {
      if (stores != null) {
        PostgresSchema.close(stores);
      }
    }
  }

  @Benchmark
  public WebhookReceipt paykitReceive(Receiver r) {
    Delivery d = r.fresh();
    r.added.add(d.eventId());
    WebhookReceipt receipt = r.service.receive(d.body(), d.headers());
    if (!(receipt instanceof WebhookReceipt.Accepted)) {
      throw new IllegalStateException("a fresh signed delivery was not accepted: " + receipt);
    }
    return receipt;
  }

  @Benchmark
  public boolean bareHmac(Receiver r) throws GeneralSecurityException {
    Delivery d = r.any();
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(r.key);
    mac.update(d.signedPrefix());
    return MessageDigest.isEqual(mac.doFinal(d.body()), d.signature());
  }

  @Benchmark
  public int bareInsert(Receiver r) throws SQLException {
    Delivery d = r.fresh();
    r.added.add(d.eventId());
    Instant now = Instant.now();
    try (Connection c = r.pool.getConnection();
        PreparedStatement ps = c.prepareStatement(INSERT)) {
      ps.setString(1, d.eventId());
      ps.setString(2, "payment.status_changed");
      ps.setString(3, new String(d.body(), StandardCharsets.UTF_8));
      ps.setObject(4, now.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
      ps.setObject(5, now.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
      return ps.executeUpdate();
    }
  }
}
