package dev.paykit.adapter.http;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.paykit.domain.outbox.OutboxEvent;
import dev.paykit.port.out.PaymentEventHandler;
import dev.paykit.transport.Transport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the shop's events to one of its own HTTP endpoints: each event is POSTed as JSON, signed
 * with the Standard Webhooks scheme, so the endpoint verifies it as Paykit verifies the provider's
 * webhooks ({@link StandardWebhookVerifier} does), and de-duplicates by {@code webhook-id}, which
 * is the event's id on every delivery of it.
 *
 * <p>Register it as the core's {@link PaymentEventHandler} (or with {@link
 * HttpEventDeliveryModule}); the outbox dispatcher decides when events come and how often. A 2xx
 * answer means delivered. Anything else throws an {@link EventDeliveryException}, and the
 * dispatcher tries again later with backoff and, after its attempts, dead-letters the event:
 *
 * <ul>
 *   <li>408, 429, 5xx, a timeout, a failed or broken connection: {@link
 *       EventDeliveryException.Unavailable}. A {@code Retry-After} on a 429 or 5xx (capped at
 *       {@link #MAX_RETRY_AFTER}) is honoured: until it has passed, no event is sent and each fails
 *       at once with the time left in {@link EventDeliveryException.Unavailable#retryAfter()}.
 *   <li>410 Gone: the endpoint is disabled. It is logged once, and every later event fails at once
 *       with {@link EventDeliveryException.Disabled}, nothing sent, until {@link #enable()}.
 *   <li>Any other status: {@link EventDeliveryException.Refused}. Redirects are not followed.
 * </ul>
 *
 * <p>The timeouts cover the whole exchange, the answer's body included. Nothing logged or thrown
 * holds the URL, the body or a secret. Thread-safe: the dispatcher's threads share one instance.
 */
public final class HttpEventDelivery implements PaymentEventHandler {
  /** The longest {@code Retry-After} honoured: a longer one would stall every event as long. */
  public static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

  static final String ID_HEADER = "webhook-id";
  static final String TIMESTAMP_HEADER = "webhook-timestamp";
  static final String SIGNATURE_HEADER = "webhook-signature";

  private static final Logger log = LoggerFactory.getLogger(HttpEventDelivery.class);

  private final URI url;
  private final Duration requestTimeout;
  private final StandardWebhookSigner signer;
  private final HttpClient http;
  private final Clock clock;
  private final JsonMapper json = JsonMapper.builder().build();
  private final AtomicBoolean disabled = new AtomicBoolean();
  private final AtomicReference<Instant> waitUntil = new AtomicReference<>(Instant.MIN);

  public HttpEventDelivery(EventDeliverySettings settings, Clock clock) {
    Objects.requireNonNull(settings, "settings");
    this.url = settings.url();
    this.requestTimeout = settings.requestTimeout();
    this.signer = new StandardWebhookSigner(settings.secrets());
    this.clock = Objects.requireNonNull(clock, "clock");
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            // A redirect would send the signed event to wherever it points.
            .followRedirects(HttpClient.Redirect.NEVER);
    if ("http".equalsIgnoreCase(url.getScheme())) {
      // Plain http is only allowed to loopback; there the JDK's h2c upgrade attempt is an extra
      // negotiation that small servers handle unevenly.
      builder.version(HttpClient.Version.HTTP_1_1);
    }
    this.http = builder.build();
  }

  /** The event as the endpoint receives it. */
  @JsonPropertyOrder({
    "id",
    "type",
    "paymentId",
    "refundId",
    "externalId",
    "sequence",
    "occurredAt",
    "payload"
  })
  record EventBody(
      String id,
      String type,
      String paymentId,
      String refundId,
      String externalId,
      long sequence,
      String occurredAt,
      Map<String, String> payload) {

    static EventBody of(OutboxEvent event) {
      return new EventBody(
          event.id().value(),
          event.type().wireName(),
          event.paymentId().value(),
          event.refundId(),
          event.externalId().value(),
          event.sequence(),
          event.occurredAt().toString(),
          event.payload());
    }
  }

  /**
   * POSTs {@code event}; returns once the endpoint answered 2xx.
   *
   * @throws EventDeliveryException when it did not, saying why (see the class comment)
   */
  @Override
  public void handle(OutboxEvent event) throws EventDeliveryException {
    Objects.requireNonNull(event, "event");
    if (disabled.get()) {
      throw new EventDeliveryException.Disabled(event, false);
    }
    Instant now = clock.instant();
    Instant resume = waitUntil.get();
    if (now.isBefore(resume)) {
      throw EventDeliveryException.Unavailable.waiting(event, Duration.between(now, resume));
    }
    HttpResponse<byte[]> response = send(event, body(event), now);
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return;
    }
    if (status == 410) {
      if (disabled.compareAndSet(false, true)) {
        log.warn(
            "The event endpoint answered 410 Gone to {} {}: it is disabled, and no event is sent"
                + " to it until enable() is called",
            event.type().wireName(),
            event.id());
      }
      throw new EventDeliveryException.Disabled(event, true);
    }
    if (status == 408 || status == 429 || status >= 500) {
      Duration retryAfter =
          status == 408 ? null : Transport.retryAfter(response.headers(), clock).orElse(null);
      if (retryAfter != null) {
        retryAfter = retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
        waitFor(retryAfter, status);
      }
      throw new EventDeliveryException.Unavailable(event, status, retryAfter);
    }
    throw new EventDeliveryException.Refused(event, status);
  }

  /** Sends to the endpoint again after it answered 410; does nothing if it was not disabled. */
  public void enable() {
    if (disabled.compareAndSet(true, false)) {
      log.info("The event endpoint is enabled again");
    }
  }

  /** Whether a 410 Gone disabled the endpoint, and {@link #enable()} has not been called since. */
  public boolean isDisabled() {
    return disabled.get();
  }

  private byte[] body(OutboxEvent event) {
    try {
      return json.writeValueAsBytes(EventBody.of(event));
    } catch (JsonProcessingException e) {
      // Strings, a number and a map of strings: nothing in it that Jackson cannot write.
      throw new IllegalStateException("could not write the event as JSON", e);
    }
  }

  private HttpResponse<byte[]> send(OutboxEvent event, byte[] body, Instant now)
      throws EventDeliveryException {
    // Each attempt is signed anew: a redelivery an hour later must not look like a replay.
    String timestamp = Long.toString(now.getEpochSecond());
    String id = event.id().value();
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(requestTimeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "paykit-adapter-http")
            .header(ID_HEADER, id)
            .header(TIMESTAMP_HEADER, timestamp)
            .header(SIGNATURE_HEADER, signer.signature(id, timestamp, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    long started = System.nanoTime();
    try {
      HttpResponse<byte[]> response = Transport.send(http, request);
      if (log.isDebugEnabled()) {
        log.debug(
            "POST of {} {} answered {} in {} ms",
            event.type().wireName(),
            event.id(),
            response.statusCode(),
            Duration.ofNanos(System.nanoTime() - started).toMillis());
      }
      return response;
    } catch (IOException e) {
      String what = Transport.classify(e).code();
      log.debug("POST of {} {} got no answer: {}", event.type().wireName(), event.id(), what);
      throw new EventDeliveryException.Unavailable(event, what, e);
    } catch (InterruptedException e) {
      // The dispatcher is being stopped: the event is tried again, by whoever runs next.
      Thread.currentThread().interrupt();
      throw new EventDeliveryException.Unavailable(event, "interrupted", e);
    }
  }

  /** No event is sent before {@code wait} has passed; a longer wait already set stays. */
  private void waitFor(Duration wait, int status) {
    Instant resume = clock.instant().plus(wait);
    Instant before = waitUntil.getAndAccumulate(resume, (a, b) -> a.isAfter(b) ? a : b);
    if (resume.isAfter(before)) {
      log.info(
          "The event endpoint answered {} and asked to wait {} ms: no event is sent before then",
          status,
          wait.toMillis());
    }
  }
}
