package dev.paykit.bench.soak;

import dev.paykit.bench.support.ProviderEvents;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.Payment;
import dev.paykit.inbound.webhook.WebhookDelivery;
import dev.paykit.inbound.webhook.WebhookListener;
import dev.paykit.port.in.WebhookReceipt;
import dev.paykit.testkit.PaymentSamples;
import dev.paykit.testkit.fake.WebhookSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Sends the receiver what it must refuse, over HTTP like everyone else: deliveries forged without
 * the secret (signed with another key, a body changed after signing, no signature at all), and
 * replays (a genuine delivery sent again as captured, a captured one older than the tolerance, and
 * a correctly signed event whose timestamp is older than the tolerance). A forged or stale delivery
 * must never be stored; a replay of a recent genuine one must be acknowledged as a duplicate and
 * never processed again.
 *
 * <p>Also the receiver's listener: it keeps recently accepted genuine deliveries to replay.
 */
final class Attacker implements WebhookListener {
  /** What a replay of a capture older than this must be: refused as stale. */
  static final Duration TOLERANCE = Duration.ofMinutes(5);

  private static final int KEPT = 2_000;

  private final WebhookSigner genuine;
  private final SoakStats stats;
  private final String run;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final Deque<Captured> captured = new ArrayDeque<>();
  private final AtomicInteger sequence = new AtomicInteger();

  /** Event ids that only a forgery or a stale replay carried: none may reach the inbox. */
  final Set<String> mustNeverBeStored = ConcurrentHashMap.newKeySet();

  private record Captured(Instant at, WebhookDelivery delivery) {}

  /** Where the receiver of whichever generation is alive listens; set once the app runs. */
  private volatile Supplier<URI> receiver;

  Attacker(WebhookSigner genuine, SoakStats stats, String run) {
    this.genuine = genuine;
    this.stats = stats;
    this.run = run;
  }

  void aimAt(Supplier<URI> value) {
    this.receiver = value;
  }

  @Override
  public void onDelivery(WebhookDelivery delivery) {
    if (delivery.receipt() instanceof WebhookReceipt.Accepted) {
      synchronized (captured) {
        captured.addLast(new Captured(Instant.now(), delivery));
        if (captured.size() > KEPT) {
          captured.removeFirst();
        }
      }
    }
  }

  /** Three forgeries claiming {@code payment} was paid. */
  void forge(Payment payment) {
    int n = sequence.incrementAndGet();
    long now = Instant.now().getEpochSecond();
    String wrongKey = "evt_forged_" + run + "_" + n + "_k";
    byte[] body = claimPaid(wrongKey, payment, PaymentSamples.AMOUNT);
    send(
        "forged (signed with another key)",
        wrongKey,
        WebhookSigner.random().headers(wrongKey, now, body),
        body,
        true);

    String tampered = "evt_forged_" + run + "_" + n + "_t";
    Map<String, String> signedFor =
        genuine.headers(tampered, now, claimPaid(tampered, payment, Money.of(1, "EUR")));
    send(
        "forged (body changed after signing)",
        tampered,
        signedFor,
        claimPaid(tampered, payment, PaymentSamples.AMOUNT),
        true);

    String unsigned = "evt_forged_" + run + "_" + n + "_u";
    Map<String, String> headers = new HashMap<>(genuine.headers(unsigned, now, body));
    headers.remove("webhook-signature");
    send(
        "forged (no signature)",
        unsigned,
        headers,
        claimPaid(unsigned, payment, PaymentSamples.AMOUNT),
        true);
  }

  /** Replays: a recent genuine delivery, an old one if there is one, and a stale signed event. */
  void replay(Payment payment) {
    Captured recent;
    Captured old = null;
    Instant now = Instant.now();
    synchronized (captured) {
      recent = captured.peekLast();
      for (Captured c : captured) {
        if (c.at().isBefore(now.minus(TOLERANCE).minusSeconds(30))) {
          old = c;
        }
      }
    }
    if (recent != null) {
      WebhookDelivery d = recent.delivery();
      send("replayed (genuine, recent)", d.eventId(), single(d), d.body(), false);
    }
    if (old != null) {
      WebhookDelivery d = old.delivery();
      send("replayed (genuine, older than the tolerance)", d.eventId(), single(d), d.body(), true);
    }
    if (payment != null && payment.transactionId() != null) {
      String id = "evt_replay_" + run + "_" + sequence.incrementAndGet();
      long stale = now.minus(TOLERANCE).minusSeconds(300).getEpochSecond();
      byte[] body = claimPaid(id, payment, payment.request().amount());
      send(
          "replayed (signed, timestamp older than the tolerance)",
          id,
          genuine.headers(id, stale, body),
          body,
          true);
    }
  }

  private static Map<String, String> single(WebhookDelivery d) {
    Map<String, String> headers = new HashMap<>();
    d.headers().values().forEach((name, values) -> headers.put(name, values.get(0)));
    return headers;
  }

  private static byte[] claimPaid(String eventId, Payment payment, Money amount) {
    return ProviderEvents.paymentStatusChanged(
        eventId,
        payment.transactionId().value(),
        "confirmed",
        null,
        amount,
        payment.externalId().value(),
        payment.createdAt());
  }

  /**
   * Sends one delivery; {@code mustBeRefused} says whether anything but a 4xx is a breach (for a
   * recent genuine replay, only an answer saying it was accepted anew is).
   */
  private void send(
      String kind,
      String eventId,
      Map<String, String> headers,
      byte[] body,
      boolean mustBeRefused) {
    stats.count("attack.sent: " + kind);
    if (mustBeRefused && !kind.contains("genuine")) {
      mustNeverBeStored.add(eventId);
    }
    for (int attempt = 1; attempt <= 5; attempt++) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(receiver.get())
              .timeout(Duration.ofSeconds(5))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      headers.forEach(
          (name, value) -> {
            // As captured, minus what the HTTP client sets itself.
            if (name.startsWith("webhook-") || name.equals("content-type")) {
              request.header(name, value);
            }
          });
      try {
        HttpResponse<String> answer =
            http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        int status = answer.statusCode();
        if (status == 503) {
          Generation.sleep(200);
          continue;
        }
        boolean breach =
            mustBeRefused ? status >= 200 && status < 300 : answer.body().contains("\"accepted\"");
        stats.count(breach ? "attack.breach: " + kind : "attack.refused or deduplicated");
        return;
      } catch (IOException e) {
        // The receiver is restarting: try again, as the attacker would.
        Generation.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    stats.count("attack.not delivered (receiver down)");
  }
}
