package dev.paykit.bench.harness;

import dev.paykit.bench.report.Percentiles;
import dev.paykit.testkit.fake.WebhookSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many concurrent senders delivering signed webhooks the way a provider does: each delivery is
 * signed at the moment it is sent and sent again, with backoff, until it is acknowledged with a 2xx
 * or its attempts run out. Bounded: at most {@link #MAX_ATTEMPTS} attempts per delivery, and
 * nothing is sent after the deadline.
 */
public final class WebhookSenders {
  static final int MAX_ATTEMPTS = 6;

  /** One delivery: the event's id and its exact body. */
  public record Delivery(String eventId, byte[] body) {}

  /**
   * What the senders saw.
   *
   * @param acknowledged deliveries answered with a 2xx
   * @param unacknowledged deliveries that never were, within their attempts or the deadline
   * @param retries attempts beyond each delivery's first
   * @param elapsed from the first send to the last answer
   * @param latencies per acknowledged delivery, first attempt to acknowledgement, in nanoseconds
   */
  public record Result(
      int acknowledged, int unacknowledged, long retries, Duration elapsed, long[] latencies) {
    public double acknowledgedPerSecond() {
      return acknowledged / (elapsed.toNanos() / 1e9);
    }

    public Percentiles percentiles() {
      return Percentiles.of(latencies);
    }

    /** Several rounds against the same server as one: counts and times add up. */
    public static Result merge(List<Result> rounds) {
      int acknowledged = 0;
      int unacknowledged = 0;
      long retries = 0;
      Duration elapsed = Duration.ZERO;
      for (Result r : rounds) {
        acknowledged += r.acknowledged;
        unacknowledged += r.unacknowledged;
        retries += r.retries;
        elapsed = elapsed.plus(r.elapsed);
      }
      long[] all = new long[acknowledged];
      int at = 0;
      for (Result r : rounds) {
        System.arraycopy(r.latencies, 0, all, at, r.latencies.length);
        at += r.latencies.length;
      }
      return new Result(acknowledged, unacknowledged, retries, elapsed, all);
    }
  }

  private WebhookSenders() {}

  public static Result send(
      HttpClient http,
      URI target,
      WebhookSigner signer,
      List<Delivery> deliveries,
      int senders,
      Duration deadline)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger acknowledged = new AtomicInteger();
    AtomicLong retries = new AtomicLong();
    long[] latencies = new long[deliveries.size()];
    long start = System.nanoTime();
    long stopAt = start + deadline.toNanos();
    AtomicLong lastAnswer = new AtomicLong(start);
    List<Thread> threads = new ArrayList<>();
    for (int s = 0; s < senders; s++) {
      Thread thread =
          new Thread(
              () -> {
                for (int i; (i = next.getAndIncrement()) < deliveries.size(); ) {
                  Delivery d = deliveries.get(i);
                  long t0 = System.nanoTime();
                  boolean ok = false;
                  for (int attempt = 1;
                      attempt <= MAX_ATTEMPTS && !ok && System.nanoTime() < stopAt;
                      attempt++) {
                    if (attempt > 1) {
                      retries.incrementAndGet();
                      if (!pause(50L * attempt)) {
                        return;
                      }
                    }
                    ok = deliver(http, target, signer, d);
                  }
                  long now = System.nanoTime();
                  lastAnswer.accumulateAndGet(now, Math::max);
                  if (ok) {
                    latencies[acknowledged.getAndIncrement()] = now - t0;
                  }
                }
              },
              "paykit-bench-sender-" + s);
      thread.setDaemon(true);
      threads.add(thread);
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join(Math.max(1, (stopAt - System.nanoTime()) / 1_000_000 + 60_000));
      if (thread.isAlive()) {
        thread.interrupt();
      }
    }
    int acked = acknowledged.get();
    return new Result(
        acked,
        deliveries.size() - acked,
        retries.get(),
        Duration.ofNanos(lastAnswer.get() - start),
        Arrays.copyOf(latencies, acked));
  }

  private static boolean deliver(HttpClient http, URI target, WebhookSigner signer, Delivery d) {
    long timestamp = Instant.now().getEpochSecond();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target)
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofByteArray(d.body()));
    for (Map.Entry<String, String> h :
        signer.headers(d.eventId(), timestamp, d.body()).entrySet()) {
      request.header(h.getKey(), h.getValue());
    }
    try {
      int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      return status >= 200 && status < 300;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static boolean pause(long millis) {
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
