package dev.paykit.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends webhook events, signed the Standard Webhooks way, at least once: one delivery at a time on
 * one thread, in the order the events happened, each retried with exponential backoff until a 2xx
 * or until the attempts run out. Webhook faults (duplicates, delays, reordering, bad signatures)
 * are applied here.
 */
final class WebhookDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private final Clock clock;
  private final ScheduledExecutorService executor;
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration timeout;
  private final AtomicLong sequence = new AtomicLong();
  private final Map<String, EventState> events = new ConcurrentHashMap<>();
  private final List<ReorderGroup> groups = new ArrayList<>();
  private volatile URI url;
  private volatile List<SandboxSecret> secrets;
  private volatile SandboxFaults faults;

  WebhookDispatcher(SandboxConfig config, ScheduledExecutorService executor) {
    this.clock = config.clock();
    this.executor = executor;
    this.maxAttempts = config.webhookMaxAttempts();
    this.initialBackoff = config.webhookInitialBackoff();
    this.maxBackoff = config.webhookMaxBackoff();
    this.timeout = config.webhookTimeout();
    this.url = config.webhookUrl();
    this.secrets = List.of(config.webhookSecret());
  }

  void useFaults(SandboxFaults faults) {
    this.faults = faults;
  }

  /** An absolute http(s) URL; http only for loopback hosts, as for every URL in the contract. */
  static URI checkUrl(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean ok =
        uri.isAbsolute()
            && uri.getHost() != null
            && (scheme.equals("https")
                || (scheme.equals("http") && Requests.isLoopback(uri.getHost())));
    if (!ok) {
      throw new IllegalArgumentException(
          "a webhook URL is https:// (http:// only for loopback hosts)");
    }
    return uri;
  }

  void setUrl(URI url) {
    this.url = url == null ? null : checkUrl(url);
    LOG.info("Webhook URL set to {}", url == null ? "none" : safe(url));
  }

  URI url() {
    return url;
  }

  SandboxSecret primarySecret() {
    return secrets.get(0);
  }

  List<SandboxSecret> secrets() {
    return secrets;
  }

  /** Signs with {@code next} first and the current primary secret second. */
  void rotate(SandboxSecret next) {
    next.webhookKeyBytes();
    secrets = List.of(next, secrets.get(0));
    LOG.info("Webhook secret rotated; deliveries carry two signatures");
  }

  private static final class EventState {
    final long seq;
    final String id;
    final String type;
    final String transactionId;
    final byte[] body;
    final List<WebhookDelivery.Attempt> attempts = new ArrayList<>();
    WebhookDelivery.State state = WebhookDelivery.State.PENDING;
    int regularAttempts;
    int copies = 1;
    long delayMillis;

    EventState(long seq, String id, String type, String transactionId, byte[] body) {
      this.seq = seq;
      this.id = id;
      this.type = type;
      this.transactionId = transactionId;
      this.body = body;
    }

    synchronized WebhookDelivery snapshot() {
      return new WebhookDelivery(id, type, transactionId, state, attempts);
    }
  }

  private static final class ReorderGroup {
    final String transactionId;
    final int size;
    final List<EventState> held = new ArrayList<>();

    ReorderGroup(String transactionId, int size) {
      this.transactionId = transactionId;
      this.size = size;
    }
  }

  /** Records an event and schedules its delivery. */
  void publish(String type, String transactionId, ObjectNode data) {
    String id = Ids.eventId();
    ObjectNode event = Json.object();
    event.put("id", id);
    event.put("type", type);
    event.put("createdAt", Json.time(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
    event.set("data", data);
    EventState state =
        new EventState(sequence.incrementAndGet(), id, type, transactionId, Json.bytes(event));
    events.put(id, state);
    if (url == null) {
      synchronized (state) {
        state.state = WebhookDelivery.State.NO_ENDPOINT;
      }
      LOG.debug("Webhook {} ({}) not sent: no webhook URL", id, type);
      return;
    }
    SandboxFaults f = faults;
    Fault duplicate = f.take(FaultKind.WEBHOOK_DUPLICATE);
    Fault delay = f.take(FaultKind.WEBHOOK_DELAY);
    synchronized (state) {
      state.copies = duplicate == null ? 1 : duplicate.copies();
      state.delayMillis = delay == null ? 0 : delay.delay().toMillis();
    }
    if (holdForReorder(state, f)) {
      return;
    }
    schedule(state, state.delayMillis, false);
  }

  private boolean holdForReorder(EventState state, SandboxFaults f) {
    List<EventState> release = null;
    synchronized (groups) {
      ReorderGroup group = null;
      for (ReorderGroup g : groups) {
        if (g.transactionId.equals(state.transactionId)) {
          group = g;
          break;
        }
      }
      if (group == null) {
        Fault reorder = f.takeReorder(state.transactionId);
        if (reorder == null) {
          return false;
        }
        ReorderGroup created = new ReorderGroup(state.transactionId, reorder.events());
        groups.add(created);
        group = created;
        submit(() -> releaseGroup(created), reorder.maxHold().toMillis());
        LOG.debug("Holding the next {} webhook events of {}", created.size, created.transactionId);
      }
      group.held.add(state);
      if (group.held.size() >= group.size) {
        groups.remove(group);
        release = reversed(group);
      }
    }
    if (release != null) {
      release.forEach(s -> schedule(s, s.delayMillis, false));
    }
    return true;
  }

  private void releaseGroup(ReorderGroup group) {
    List<EventState> release;
    synchronized (groups) {
      if (!groups.remove(group)) {
        return;
      }
      release = reversed(group);
    }
    release.forEach(s -> schedule(s, s.delayMillis, false));
  }

  /** Releases every held event at once, each group in reverse order. */
  void releaseAllHeld() {
    List<ReorderGroup> all;
    synchronized (groups) {
      all = new ArrayList<>(groups);
    }
    all.forEach(this::releaseGroup);
  }

  private static List<EventState> reversed(ReorderGroup group) {
    List<EventState> list = new ArrayList<>(group.held);
    Collections.reverse(list);
    LOG.debug(
        "Releasing {} held webhook events of {} in reverse order",
        list.size(),
        group.transactionId);
    return list;
  }

  private void schedule(EventState state, long delayMillis, boolean duplicate) {
    submit(() -> attempt(state, duplicate), delayMillis);
  }

  private void submit(Runnable task, long delayMillis) {
    try {
      executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("Sandbox stopping; a webhook task was dropped");
    }
  }

  private void attempt(EventState state, boolean duplicate) {
    URI target = url;
    boolean badSignature = !duplicate && faults.take(FaultKind.WEBHOOK_BAD_SIGNATURE) != null;
    long timestamp = clock.instant().getEpochSecond();
    int status = 0;
    String error = null;
    if (target == null) {
      error = "no webhook URL";
    } else {
      HttpRequest request =
          HttpRequest.newBuilder(target)
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .header("User-Agent", "Paykit-Sandbox-Webhooks/1")
              .header("webhook-id", state.id)
              .header("webhook-timestamp", Long.toString(timestamp))
              .header("webhook-signature", signatures(state, timestamp, badSignature))
              .POST(HttpRequest.BodyPublishers.ofByteArray(state.body))
              .build();
      try {
        status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      } catch (IOException e) {
        error =
            e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    boolean ok = status >= 200 && status < 300;
    LOG.debug(
        "Webhook {} ({}) {}attempt to {}: {}",
        state.id,
        state.type,
        duplicate ? "duplicate " : "",
        target == null ? "nowhere" : safe(target),
        status == 0 ? error : status);
    Runnable next = null;
    long nextDelay = 0;
    synchronized (state) {
      state.attempts.add(
          new WebhookDelivery.Attempt(clock.instant(), status, error, badSignature, duplicate));
      if (duplicate) {
        return;
      }
      state.regularAttempts++;
      if (ok) {
        state.state = WebhookDelivery.State.DELIVERED;
        for (int i = 1; i < state.copies; i++) {
          schedule(state, 0, true);
        }
      } else if (state.regularAttempts >= maxAttempts) {
        state.state = WebhookDelivery.State.FAILED;
        LOG.warn("Webhook {} ({}) given up after {} attempts", state.id, state.type, maxAttempts);
      } else {
        next = () -> attempt(state, false);
        nextDelay = backoff(state.regularAttempts).toMillis();
      }
    }
    if (next != null) {
      submit(next, nextDelay);
    }
  }

  /** The wait after the {@code failures}-th failed attempt: initial × 2^(failures−1), capped. */
  Duration backoff(int failures) {
    Duration wait = initialBackoff;
    for (int i = 1; i < failures && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }

  private String signatures(EventState state, long timestamp, boolean bad) {
    List<String> parts = new ArrayList<>();
    if (bad) {
      parts.add("v1," + sign(Ids.randomBytes(32), state, timestamp));
    } else {
      for (SandboxSecret secret : secrets) {
        parts.add("v1," + sign(secret.webhookKeyBytes(), state, timestamp));
      }
    }
    return String.join(" ", parts);
  }

  private static String sign(byte[] key, EventState state, long timestamp) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((state.id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(mac.doFinal(state.body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  List<WebhookDelivery> deliveries() {
    List<EventState> all = new ArrayList<>(events.values());
    all.sort(Comparator.comparingLong(s -> s.seq));
    List<WebhookDelivery> result = new ArrayList<>();
    all.forEach(s -> result.add(s.snapshot()));
    return result;
  }

  /** Scheme, host, port and path only: a query string could hold something private. */
  static String safe(URI uri) {
    return uri.getScheme()
        + "://"
        + uri.getHost()
        + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
        + (uri.getPath() == null ? "" : uri.getPath());
  }
}
