package dev.paykit.transport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.paykit.port.out.Secret;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The exchange against a loopback server that can be made slow in each phase: the deadline covers
 * the whole of it, and no call costs a thread.
 */
class TransportTest {

  static final Duration TIMEOUT = Duration.ofMillis(1000);

  /** Far longer than {@link #TIMEOUT}: a call that waits for it has not been cut off. */
  static final Duration SLOW = Duration.ofSeconds(10);

  /** What a loaded machine may add to a deadline before the call is back; far below SLOW. */
  static final Duration SLACK = Duration.ofMillis(2500);

  private HttpServer server;
  private ThreadPoolExecutor handlers;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicBoolean trickleCutOff = new AtomicBoolean();
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    // Started up front, so that the server itself starts no thread while the calls are counted.
    handlers = new ThreadPoolExecutor(4, 4, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    handlers.prestartAllCoreThreads();
    server.setExecutor(handlers);
    server.createContext(
        "/oauth/token", answer(200, OAuth2ClientCredentialsTest.token("tok-1", 3600)));
    server.createContext("/v1/payments", answer(201, "{\"transactionId\": \"tx_1\"}"));
    server.createContext("/fast", answer(200, "{\"ok\": true}"));
    server.createContext(
        "/slow-headers",
        exchange -> {
          try (exchange) {
            pause(SLOW);
            exchange.sendResponseHeaders(200, -1);
          }
        });
    server.createContext("/trickle", exchange -> trickle(exchange, Duration.ofMillis(100), 100));
    server.createContext(
        "/late-then-trickle",
        exchange -> {
          // Each phase alone is within the timeout; together they are not.
          pause(TIMEOUT.multipliedBy(6).dividedBy(10));
          trickle(exchange, Duration.ofMillis(100), 6);
        });
    server.createContext("/brisk-trickle", exchange -> trickle(exchange, Duration.ofMillis(50), 5));
    server.start();
  }

  @AfterEach
  void stop() {
    stopped.countDown();
    server.stop(0);
    handlers.shutdownNow();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT).GET().build();
  }

  private static HttpHandler answer(int status, String body) {
    byte[] bytes = body.getBytes(UTF_8);
    return exchange -> {
      try (exchange) {
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
      }
    };
  }

  /** Headers at once, then {@code chunks} one-byte chunks {@code every} apart. */
  private void trickle(HttpExchange exchange, Duration every, int chunks) throws IOException {
    try (exchange) {
      exchange.sendResponseHeaders(200, 0);
      OutputStream body = exchange.getResponseBody();
      for (int i = 0; i < chunks; i++) {
        body.write('x');
        body.flush();
        if (pause(every)) {
          return;
        }
      }
    } catch (IOException e) {
      // The client hung up on the body: what a caller that gave up should do.
      trickleCutOff.set(true);
      throw e;
    }
  }

  /** Waits, returning true when the test is over and the handler should stop. */
  private boolean pause(Duration duration) {
    try {
      return stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  private static Duration timed(ThrowingRunnable call) {
    long start = System.nanoTime();
    call.run();
    return Duration.ofNanos(System.nanoTime() - start);
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run();
  }

  private void timesOut(String path) {
    assertThatThrownBy(() -> Transport.send(client, get(path)))
        .isInstanceOf(HttpTimeoutException.class)
        .satisfies(
            e -> {
              Transport.Failure failure = Transport.classify((IOException) e);
              assertThat(failure).isEqualTo(Transport.Failure.TIMED_OUT);
              assertThat(failure.mayHaveActed()).isTrue();
            });
  }

  @Test
  void headers_slower_than_the_timeout_end_the_call_at_the_deadline_as_may_have_acted() {
    Duration took = timed(() -> timesOut("/slow-headers"));

    assertThat(took).isBetween(TIMEOUT.minusMillis(50), TIMEOUT.plus(SLACK));
  }

  @Test
  void a_body_that_trickles_past_the_timeout_ends_the_call_at_the_deadline_as_may_have_acted() {
    Duration took = timed(() -> timesOut("/trickle"));

    assertThat(took).isBetween(TIMEOUT.minusMillis(50), TIMEOUT.plus(SLACK));
  }

  @Test
  void a_body_given_up_on_is_not_read_to_its_end_the_connection_is_dropped() {
    timesOut("/trickle");

    // The trickle lasts ten seconds; a client that let it run would keep the socket open.
    await().atMost(SLACK.plusSeconds(1)).untilTrue(trickleCutOff);
  }

  @Test
  void the_deadline_covers_headers_and_body_together_not_each_alone() {
    Duration took = timed(() -> timesOut("/late-then-trickle"));

    assertThat(took).isLessThan(TIMEOUT.plus(SLACK));
  }

  @Test
  void a_body_that_trickles_in_within_the_timeout_is_read_whole() throws Exception {
    HttpResponse<byte[]> response = Transport.send(client, get("/brisk-trickle"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new String(response.body(), UTF_8)).isEqualTo("xxxxx");
  }

  @Test
  void a_request_without_a_timeout_is_refused_before_anything_is_sent() {
    HttpRequest unbounded = HttpRequest.newBuilder(uri("/fast")).GET().build();

    assertThatThrownBy(() -> Transport.send(client, unbounded))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeout");
  }

  /**
   * {@code sendAsync} hands each completion to {@link java.util.concurrent.CompletableFuture}'s
   * default executor, which starts a thread per task while the common pool has a single thread: any
   * machine with two cores, and this test JVM on every machine (see the module's pom).
   */
  @Test
  void sequential_exchanges_start_no_thread_per_call() {
    assertThat(ForkJoinPool.getCommonPoolParallelism()).isEqualTo(1);
    URI base = uri("");
    HttpClient http = ProviderExchange.httpClient(base, Duration.ofSeconds(5));
    ProviderExchange exchange =
        ProviderExchange.builder(http, base)
            .credentials(
                OAuth2ClientCredentials.builder(
                        http, uri("/oauth/token"), "client-1", Secret.of("cs_transport_Qw7Lp2"))
                    .build())
            .timeout(Duration.ofSeconds(5))
            .build();
    // Warm up: the token, the pooled connection, the client's worker and the timer thread.
    for (int i = 0; i < 5; i++) {
      create(exchange, i);
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int calls = 100;

    long before = threads.getTotalStartedThreadCount();
    for (int i = 0; i < calls; i++) {
      create(exchange, i);
    }
    long started = threads.getTotalStartedThreadCount() - before;

    // Anything else in this JVM may start a thread or two meanwhile; one per call is 100.
    assertThat(started).isLessThan(calls / 10);
  }

  private static void create(ProviderExchange exchange, int i) {
    Outcome outcome =
        exchange.run(
            ProviderRequest.post(
                    "createPayment", "/v1/payments", ProviderRequest.JSON, "{}".getBytes(UTF_8))
                .withIdempotencyKey("pk_transport-" + i));
    assertThat(outcome)
        .isInstanceOfSatisfying(
            Outcome.Answered.class, answer -> assertThat(answer.status()).isEqualTo(201));
  }
}
