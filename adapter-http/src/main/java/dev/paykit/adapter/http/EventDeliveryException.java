package dev.paykit.adapter.http;

import dev.paykit.domain.PaykitException;
import dev.paykit.domain.outbox.OutboxEvent;
import dev.paykit.port.out.PaymentEventHandler;
import java.time.Duration;
import java.util.Optional;

/**
 * Why {@link HttpEventDelivery} did not deliver an event. Thrown to the outbox dispatcher, which
 * records the {@link #code()} and {@link #subject()} (e.g. {@code event_endpoint_unavailable
 * (event_endpoint:http_503)}) and tries the event again later, then dead-letters it. Messages name
 * the event and the status, never the URL, the body or a secret.
 */
public abstract sealed class EventDeliveryException extends PaykitException
    permits EventDeliveryException.Unavailable,
        EventDeliveryException.Refused,
        EventDeliveryException.Disabled {
  private static final long serialVersionUID = 1L;

  /** What the subjects start with: the failure concerns the shop's event endpoint. */
  static final String ENDPOINT = "event_endpoint:";

  private EventDeliveryException(
      String code, String what, int httpStatus, String message, Throwable cause) {
    super(code, ENDPOINT + what, httpStatus, message, cause);
  }

  private static String of(OutboxEvent event) {
    return event.type().wireName() + " " + event.id();
  }

  /**
   * The endpoint could not take the event now: it answered 429 or 5xx, the exchange timed out, the
   * connection failed or broke, or the endpoint asked to wait ({@code Retry-After}) and that time
   * has not passed yet, in which case nothing was sent. Worth another attempt.
   */
  public static final class Unavailable extends EventDeliveryException
      implements PaymentEventHandler.RetryAfter {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final Duration retryAfter;

    Unavailable(OutboxEvent event, int status, Duration retryAfter) {
      super(
          "event_endpoint_unavailable",
          "http_" + status,
          502,
          "POST of " + of(event) + " answered " + status + retryAfterText(retryAfter),
          null);
      this.status = status;
      this.retryAfter = retryAfter;
    }

    /** No answer: {@code what} is {@code timeout}, {@code connection_failed}, ... */
    Unavailable(OutboxEvent event, String what, Throwable cause) {
      super(
          "event_endpoint_unavailable",
          what,
          502,
          "POST of " + of(event) + " got no answer: " + what,
          cause);
      this.status = 0;
      this.retryAfter = null;
    }

    /** Not sent: the endpoint asked to wait, and {@code left} of that wait remains. */
    static Unavailable waiting(OutboxEvent event, Duration left) {
      return new Unavailable(event, left);
    }

    private Unavailable(OutboxEvent event, Duration left) {
      super(
          "event_endpoint_unavailable",
          "retry_after",
          503,
          "POST of " + of(event) + " not sent: the endpoint asked to wait" + retryAfterText(left),
          null);
      this.status = 0;
      this.retryAfter = left;
    }

    /** The status the endpoint answered with; 0 when none came or nothing was sent. */
    public int status() {
      return status;
    }

    /**
     * How long the endpoint asked to be left alone ({@code Retry-After}, at most {@link
     * HttpEventDelivery#MAX_RETRY_AFTER}); the next attempt should not come sooner. Empty when it
     * did not say.
     */
    @Override
    public Optional<Duration> retryAfter() {
      return Optional.ofNullable(retryAfter);
    }

    private static String retryAfterText(Duration retryAfter) {
      return retryAfter == null ? "" : ", retry after " + retryAfter.toMillis() + " ms";
    }
  }

  /**
   * The endpoint refused the event with a 4xx other than 408, 410 and 429, or answered with a
   * redirect, which is not followed (it would send the signed event elsewhere). Retried as the
   * dispatcher retries every failure, then dead-lettered: the shop's endpoint must be fixed.
   */
  public static final class Refused extends EventDeliveryException {
    private static final long serialVersionUID = 1L;

    private final int status;

    Refused(OutboxEvent event, int status) {
      super(
          "event_endpoint_refused",
          "http_" + status,
          502,
          "POST of " + of(event) + " refused with " + status,
          null);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  /**
   * The endpoint answered 410 Gone, now or earlier: it is disabled, and nothing is sent to it until
   * {@link HttpEventDelivery#enable()}.
   */
  public static final class Disabled extends EventDeliveryException {
    private static final long serialVersionUID = 1L;

    /** {@code gone} is true for the answer that disabled the endpoint. */
    Disabled(OutboxEvent event, boolean gone) {
      super(
          "event_endpoint_disabled",
          gone ? "http_410" : "disabled",
          503,
          "POST of "
              + of(event)
              + (gone
                  ? " answered 410 Gone: the endpoint is disabled until enable() is called"
                  : " not sent: the endpoint is disabled until enable() is called"),
          null);
    }
  }
}
