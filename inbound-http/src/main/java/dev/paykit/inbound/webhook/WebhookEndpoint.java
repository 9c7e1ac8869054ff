package dev.paykit.inbound.webhook;

import dev.paykit.domain.PaykitException;
import dev.paykit.domain.ValidationException;
import dev.paykit.domain.payment.ProviderName;
import dev.paykit.port.in.ReceiveWebhook;
import dev.paykit.port.in.WebhookReceipt;
import dev.paykit.port.shared.WebhookHeaders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The merchant's webhook endpoint, whatever serves HTTP: a request's method, headers and raw body
 * in, an {@link WebhookAnswer} out. The body goes to {@link ReceiveWebhook} byte for byte (the
 * signature is over those exact bytes); nothing slow happens here, processing is the inbox workers'
 * job, so the provider gets its acknowledgement at once.
 *
 * <p>It answers:
 *
 * <ul>
 *   <li>405 with {@code Allow: POST} to anything but POST;
 *   <li>415 unless {@code Content-Type} is {@code application/json} (parameters such as {@code
 *       charset=utf-8} allowed);
 *   <li>413 to a body over {@link Settings#maxBodyBytes()}: at once when {@code Content-Length}
 *       says so, and otherwise as soon as one byte more than the limit has arrived, so a huge body
 *       is never read whole;
 *   <li>the receipt's status: 200 for accepted, duplicate and ignored, 401 for a missing or wrong
 *       signature, 400 for a signed body that is not an event;
 *   <li>a {@link PaykitException}'s own {@code httpStatus()} and {@code code()};
 *   <li>503 with {@code Retry-After} when {@code ReceiveWebhook} fails in any other way (the store
 *       is down): nothing was stored, and the provider delivers again later.
 * </ul>
 *
 * <p>Bodies and signature headers are never logged: a body may carry customer data and a signature
 * is only useful to someone forging the next one. The event id it logs is escaped of control
 * characters. Thread-safe.
 */
public final class WebhookEndpoint {
  /** Larger than any event the reference API sends. */
  public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(10);

  static final String EVENT_ID_HEADER = "webhook-id";

  private static final Logger log = LoggerFactory.getLogger(WebhookEndpoint.class);

  /**
   * The endpoint's limits.
   *
   * @param maxBodyBytes the largest body accepted, in bytes
   * @param retryAfter what a 503 asks the provider to wait before it delivers again, whole seconds
   */
  public record Settings(int maxBodyBytes, Duration retryAfter) {
    /** Leaves room for the one byte past the limit that shows a body is too large. */
    static final int LARGEST_LIMIT = Integer.MAX_VALUE - 16;

    public Settings {
      if (maxBodyBytes < 1 || maxBodyBytes > LARGEST_LIMIT) {
        throw new ValidationException(
            "maxBodyBytes", "out_of_range", "must be between 1 and " + LARGEST_LIMIT + " bytes");
      }
      if (retryAfter == null || retryAfter.toSeconds() < 1) {
        throw new ValidationException(
            "retryAfter", "too_short", "must be at least one second (Retry-After counts seconds)");
      }
    }

    public static Settings defaults() {
      return new Settings(DEFAULT_MAX_BODY_BYTES, DEFAULT_RETRY_AFTER);
    }

    public Settings withMaxBodyBytes(int value) {
      return new Settings(value, retryAfter);
    }

    public Settings withRetryAfter(Duration value) {
      return new Settings(maxBodyBytes, value);
    }
  }

  private final ReceiveWebhook receive;
  private final WebhookListener listener;
  private final Settings settings;

  public WebhookEndpoint(ReceiveWebhook receive) {
    this(receive, WebhookListener.none(), Settings.defaults());
  }

  public WebhookEndpoint(ReceiveWebhook receive, WebhookListener listener) {
    this(receive, listener, Settings.defaults());
  }

  public WebhookEndpoint(ReceiveWebhook receive, WebhookListener listener, Settings settings) {
    this.receive = Objects.requireNonNull(receive, "receive");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public Settings settings() {
    return settings;
  }

  /**
   * Reads the request as far as the endpoint allows and answers it.
   *
   * @throws IOException if reading the body fails (the client went away or was cut off): there is
   *     no one left to answer
   */
  public WebhookAnswer handle(WebhookRequest request) throws IOException {
    return handle(ProviderName.DEFAULT, request);
  }

  /**
   * {@link #handle(WebhookRequest)} for a webhook {@code provider} sent: verified and read by that
   * provider's verifier and parser; 404 if no such provider is configured.
   */
  public WebhookAnswer handle(ProviderName provider, WebhookRequest request) throws IOException {
    BodyRead read = read(request);
    if (read instanceof BodyRead.Refused refused) {
      return refused.answer();
    }
    return process(provider, (BodyRead.Complete) read);
  }

  /** The checks that need no body, then the body, never more than one byte past the limit. */
  BodyRead read(WebhookRequest request) throws IOException {
    if (!"POST".equals(request.method())) {
      return new BodyRead.Refused(Answers.methodNotAllowed());
    }
    if (!isJson(request.headers())) {
      return new BodyRead.Refused(Answers.unsupportedMediaType());
    }
    int limit = settings.maxBodyBytes();
    if (request.contentLength() > limit) {
      return new BodyRead.Refused(Answers.tooLarge());
    }
    // One byte past the limit is enough to know the body is too large; the rest is never read.
    byte[] body = readAtMost(request.body(), limit + 1);
    if (body.length > limit) {
      return new BodyRead.Refused(Answers.tooLarge());
    }
    return new BodyRead.Complete(body, request.headers());
  }

  /** Hands the whole body to Paykit and answers with what it says. Reads nothing more. */
  WebhookAnswer process(ProviderName provider, BodyRead.Complete request) {
    byte[] body = request.body();
    WebhookHeaders headers = request.headers();
    String eventId = LogSafe.text(headers.first(EVENT_ID_HEADER).orElse(null));
    WebhookReceipt receipt;
    try {
      receipt = receive.receive(provider, body, headers);
    } catch (PaykitException e) {
      log.warn("Webhook {} refused with {} ({})", eventId, e.httpStatus(), e.code());
      return Answers.of(e, settings.retryAfter());
    } catch (RuntimeException e) {
      // Only the class: a store's message may quote the statement and its bound arguments.
      log.warn(
          "Webhook {} could not be stored ({}); answering 503 so that the provider delivers it"
              + " again",
          eventId,
          e.getClass().getName());
      return unavailable();
    }
    try {
      listener.onDelivery(new WebhookDelivery(body, headers, receipt));
    } catch (RuntimeException e) {
      log.warn("A webhook listener failed on {} ({})", eventId, e.getClass().getName());
    }
    WebhookAnswer answer = Answers.of(receipt);
    // Guarded: the arguments are worked out on every delivery otherwise, a regex among them.
    if (log.isDebugEnabled()) {
      log.debug(
          "Webhook {} (webhook-timestamp {}, {} signature(s), not shown) answered {} ({})",
          eventId,
          LogSafe.text(headers.first("webhook-timestamp").orElse(null)),
          headers.first("webhook-signature").map(v -> v.trim().split(" +").length).orElse(0),
          answer.status(),
          receipt.getClass().getSimpleName());
    }
    return answer;
  }

  /** What a binding answers when it cannot take a delivery now: 503 with {@code Retry-After}. */
  WebhookAnswer unavailable() {
    return Answers.unavailable(settings.retryAfter());
  }

  /**
   * At most {@code most} bytes, and no read beyond them. Not {@link InputStream#readNBytes(int)}:
   * once it has enough it still asks for zero bytes more, and the JDK server's chunked stream
   * answers that by waiting for the next chunk's header, which a sender may never send.
   */
  private static byte[] readAtMost(InputStream in, int most) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream(Math.min(most, 8192));
    byte[] buffer = new byte[8192];
    int left = most;
    while (left > 0) {
      int n = in.read(buffer, 0, Math.min(buffer.length, left));
      if (n < 0) {
        break;
      }
      body.write(buffer, 0, n);
      left -= n;
    }
    return body.toByteArray();
  }

  private static boolean isJson(WebhookHeaders headers) {
    return headers
        .first("Content-Type")
        .map(type -> type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
        .filter("application/json"::equals)
        .isPresent();
  }
}
