package dev.paykit.bench.harness;

import com.google.inject.Injector;
import dev.paykit.adapter.http.HttpProviderGateway;
import dev.paykit.adapter.http.JacksonWebhookParser;
import dev.paykit.adapter.http.StandardWebhookVerifier;
import dev.paykit.adapter.inmemory.InMemoryStores;
import dev.paykit.bench.report.Measurement;
import dev.paykit.bench.report.Table;
import dev.paykit.bench.support.PostgresSchema;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.port.in.CreatePayment;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.in.CreatePaymentResult;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.Secret;
import dev.paykit.port.out.Stores;
import dev.paykit.sandbox.SandboxConfig;
import dev.paykit.sandbox.SandboxProvider;
import dev.paykit.service.PaykitCore;
import dev.paykit.testkit.PaymentSamples;
import dev.paykit.transport.RetryPolicy;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark 4: payments created per second end to end over HTTP, against the sandbox provider in
 * this JVM: through {@link CreatePayment} with the real {@link HttpProviderGateway} (token cache,
 * JSON, retry wrapper, Request-Id) and the service's bookkeeping, against bare {@link HttpClient}
 * POSTs of the same JSON to the same endpoint with a token fetched once. Each concurrency level
 * alternates the two in rounds, so that a noisy moment hurts both alike.
 */
public final class HttpCreateHarness {

  /** What to run. {@code store} is inmemory or postgres; the schema only for postgres. */
  public record Settings(
      List<Integer> callers,
      Duration warmup,
      Duration duration,
      int rounds,
      String store,
      PostgresSchema schema,
      int poolSize) {}

  private final Settings settings;
  private final PrintStream out;
  private final AtomicLong sequence = new AtomicLong();
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  public HttpCreateHarness(Settings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
  }

  public Table run() throws Exception {
    SandboxConfig config =
        SandboxConfig.builder()
            // The sweep walks every payment; the benchmark creates many and none expires during it.
            .expirySweepInterval(Duration.ofMinutes(30))
            .build();
    Table table =
        new Table(
            "4. End to end over HTTP: creates per second against the sandbox provider ("
                + settings.store()
                + " stores)",
            Table.cells(Table.pairHeader("bare HttpClient"), "concurrent callers"));
    Injector stores = null;
    try (SandboxProvider sandbox = SandboxProvider.start(config)) {
      Clock clock = Clock.systemUTC();
      HttpProviderGateway gateway =
          HttpProviderGateway.create(
              SandboxAccess.settings(sandbox, Duration.ofSeconds(30), RetryPolicy.defaults()),
              PaykitObserver.noop(),
              clock);
      PaykitCore.Builder core = PaykitCore.builder();
      if (settings.store().equals("postgres")) {
        stores = settings.schema().openStores(settings.poolSize());
        core.stores(stores.getInstance(Stores.class));
      } else {
        core.stores(new InMemoryStores());
      }
      CreatePayment create =
          core.provider(
                  gateway,
                  new StandardWebhookVerifier(
                      List.of(Secret.of(sandbox.webhookSecret().reveal())), clock),
                  new JacksonWebhookParser())
              .clock(clock)
              .build()
              .create();
      HttpClient bare =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      String token = SandboxAccess.token(bare, sandbox);
      URI payments = URI.create(sandbox.baseUri() + "/v1/payments");

      ClosedLoop.Operation paykit =
          caller -> {
            String id = next(caller);
            CreatePaymentResult result =
                create.create(
                    new CreatePaymentCommand(
                        IdempotencyKey.of("k-" + id), PaymentSamples.request(id)));
            if (!(result instanceof CreatePaymentResult.Started)) {
              throw new IllegalStateException("not started: " + result.getClass().getSimpleName());
            }
          };
      ClosedLoop.Operation baseline =
          caller -> {
            String id = next(caller);
            HttpResponse<byte[]> response =
                bare.send(
                    HttpRequest.newBuilder(payments)
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .header("Accept", "application/json")
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", "b-" + id)
                        .POST(HttpRequest.BodyPublishers.ofString(body(id)))
                        .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 201) {
              throw new IllegalStateException("bare create answered " + response.statusCode());
            }
          };

      for (int callers : settings.callers()) {
        out.printf("  http-create: %d callers, warming up%n", callers);
        ClosedLoop.run(callers, settings.warmup(), paykit);
        ClosedLoop.run(callers, settings.warmup(), baseline);
        List<ClosedLoop.Result> mine = new ArrayList<>();
        List<ClosedLoop.Result> theirs = new ArrayList<>();
        for (int round = 1; round <= settings.rounds(); round++) {
          out.printf(
              "  http-create: %d callers, round %d of %d%n", callers, round, settings.rounds());
          mine.add(ClosedLoop.run(callers, settings.duration(), paykit));
          theirs.add(ClosedLoop.run(callers, settings.duration(), baseline));
        }
        ClosedLoop.Result p = ClosedLoop.Result.merge(mine);
        ClosedLoop.Result b = ClosedLoop.Result.merge(theirs);
        Measurement pm = p.measurement("Paykit");
        Measurement bm = b.measurement("bare");
        table.row(Table.cells(Table.pair(pm, bm), Integer.toString(callers)));
        if (p.failures() + b.failures() > 0) {
          table.note(
              callers
                  + " callers: "
                  + p.failures()
                  + " Paykit and "
                  + b.failures()
                  + " bare calls failed and are not in the figures.");
        }
      }
    } finally {
      if (stores != null) {
        PostgresSchema.close(stores);
      }
    }
    table.note(
        "Each level: "
            + settings.rounds()
            + " alternating rounds of "
            + settings.duration().toSeconds()
            + " s per side after "
            + settings.warmup().toSeconds()
            + " s of warm-up each; the sandbox runs in the same JVM and shares the cores.");
    return table;
  }

  private String next(int caller) {
    return "h" + run + "-" + caller + "-" + sequence.incrementAndGet();
  }

  /** The JSON the gateway sends for {@link PaymentSamples#request}, field for field. */
  private static String body(String externalId) {
    return "{\"amount\":{\"value\":1050,\"currency\":\"EUR\"},\"externalId\":\""
        + externalId
        + "\",\"description\":\"Two concert tickets\",\"metadata\":{\"cartId\":\"c-19\","
        + "\"channel\":\"web\"},\"successUrl\":\"https://shop.example/pay/return\","
        + "\"cancelUrl\":\"https://shop.example/pay/cancel\",\"expiresInSeconds\":900}";
  }
}
