package dev.paykit.inbound.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.testkit.fake.SignedWebhook;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Slow and hostile senders on real loopback sockets: connections that trickle a request a byte at a
 * time must not keep genuine deliveries from being answered, must be cut off at the read timeout,
 * and a server with every thread busy must answer 503 or close at once, never stall. Every loop
 * here is bounded in time and in count.
 */
class JdkWebhookServerSlowConnectionsTest {
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(4);
  private static final Duration PROMPTLY = Duration.ofSeconds(2);
  private static final String PARTIAL_HEAD =
      "POST /webhooks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Slow: ";

  private final Shop shop = new Shop();
  private final Http http = new Http();
  private final List<RawConnection> slow = new ArrayList<>();
  private final ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();
  private JdkWebhookServer server;

  @AfterEach
  void stop() throws Exception {
    trickler.shutdownNow();
    for (RawConnection connection : slow) {
      connection.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void fifty_trickling_connections_do_not_delay_genuine_deliveries_and_are_cut_at_the_timeout()
      throws Exception {
    server = start(JdkWebhookServer.DEFAULT_THREADS);
    long opened = System.nanoTime();
    openTrickling(50, PARTIAL_HEAD);

    for (int i = 0; i < 10; i++) {
      SignedWebhook webhook = shop.paid("order-slow-" + i);
      long sent = System.nanoTime();
      HttpResponse<String> response = http.post(server.uri(), webhook);
      Duration took = Duration.ofNanos(System.nanoTime() - sent);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("accepted");
      assertThat(took).isLessThan(PROMPTLY);
      assertThat(shop.stored(webhook)).isTrue();
    }
    // All of that happened while the fifty still held their connections and threads.
    assertThat(server.requestsCut()).isZero();
    assertThat(busyThreads()).isGreaterThanOrEqualTo(50);
    assertThat(server.requestsShed()).isZero();

    for (RawConnection connection : slow) {
      assertThat(connection.answerHead(READ_TIMEOUT.plusSeconds(5)))
          .as("a trickling connection is closed, unanswered")
          .isNull();
    }
    assertThat(Duration.ofNanos(System.nanoTime() - opened))
        .isGreaterThanOrEqualTo(READ_TIMEOUT.minusMillis(50));
    assertThat(server.requestsCut()).isEqualTo(50);
  }

  @Test
  void a_body_that_trickles_after_complete_headers_is_cut_at_the_timeout() throws Exception {
    server = start(4);
    openTrickling(
        1,
        "POST /webhooks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Content-Length: 100000\r\n\r\n{");
    long started = System.nanoTime();

    String answer = slow.get(0).answerHead(READ_TIMEOUT.plusSeconds(5));

    assertThat(answer).isNull();
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(READ_TIMEOUT.minusMillis(100));
    assertThat(server.requestsCut()).isEqualTo(1);
  }

  @Test
  void with_every_thread_held_a_genuine_delivery_is_answered_503_at_once_and_taken_later()
      throws Exception {
    server = start(2);
    openTrickling(2, PARTIAL_HEAD);
    SignedWebhook webhook = shop.paid("order-busy");

    long sent = System.nanoTime();
    HttpResponse<String> busy = http.post(server.uri(), webhook);

    assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(PROMPTLY);
    assertThat(busy.statusCode()).isEqualTo(503);
    assertThat(busy.headers().firstValue("Retry-After")).hasValue("10");
    assertThat(busy.body()).contains("unavailable");
    assertThat(shop.stored(webhook)).isFalse();
    assertThat(server.requestsShed()).isEqualTo(1);

    for (RawConnection connection : slow) {
      assertThat(connection.answerHead(READ_TIMEOUT.plusSeconds(5))).isNull();
    }
    HttpResponse<String> later = http.post(server.uri(), webhook);

    assertThat(later.statusCode()).isEqualTo(200);
    assertThat(later.body()).contains("accepted");
    assertThat(shop.stored(webhook)).isTrue();
  }

  @Test
  void with_the_shedding_threads_held_too_a_new_connection_is_closed_at_once() throws Exception {
    server = start(1);
    openTrickling(1 + RequestThreads.SHEDDING_THREADS, PARTIAL_HEAD);

    try (RawConnection next = new RawConnection(server.uri())) {
      long sent = System.nanoTime();
      next.send("P");

      assertThat(next.closedByServer(PROMPTLY)).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(PROMPTLY);
    }
    assertThat(server.connectionsRefused()).isEqualTo(1);
  }

  private JdkWebhookServer start(int threads) {
    return new JdkWebhookServer(
            new WebhookEndpoint(shop.receive()),
            JdkWebhookServer.Settings.loopback(0)
                .withThreads(threads)
                .withReadTimeout(READ_TIMEOUT))
        .start();
  }

  /**
   * Opens {@code count} connections that send {@code head} and then one byte every 200 ms, for at
   * most twice the read timeout, and waits (at most five seconds) until the server has given each a
   * thread.
   */
  private void openTrickling(int count, String head) throws Exception {
    URI uri = server.uri();
    for (int i = 0; i < count; i++) {
      RawConnection connection = new RawConnection(uri);
      connection.send(head);
      slow.add(connection);
    }
    int most = Math.toIntExact(READ_TIMEOUT.multipliedBy(2).toMillis() / 200);
    AtomicInteger ticks = new AtomicInteger();
    trickler.scheduleAtFixedRate(
        () -> {
          if (ticks.incrementAndGet() > most) {
            throw new IllegalStateException("done trickling");
          }
          slow.forEach(c -> c.trickle((byte) 'x'));
        },
        200,
        200,
        TimeUnit.MILLISECONDS);
    long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (busyThreads() < count && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertThat(busyThreads()).as("threads serving the slow connections").isEqualTo(count);
  }

  /** Threads of the server that are reading or answering a request right now. */
  private static long busyThreads() {
    return Thread.getAllStackTraces().entrySet().stream()
        .filter(e -> e.getKey().getName().matches("paykit-webhooks-(shedding-)?\\d+"))
        .filter(e -> e.getKey().getState() == Thread.State.RUNNABLE)
        .count();
  }
}
