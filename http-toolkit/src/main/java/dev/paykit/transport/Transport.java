package dev.paykit.transport;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * One HTTP exchange with a deadline on the whole of it, and what a failure of it means: the
 * building blocks under {@link ProviderExchange}, for a sender that retries in its own way (the
 * outbound webhooks of {@code HttpEventDelivery}, say).
 */
public final class Transport {
  private static final Pattern SECONDS = Pattern.compile("[0-9]{1,9}");

  /** What an exchange that produced no response says about whether the provider acted. */
  public enum Failure {
    /** No connection was made: the provider never saw the request. */
    NOT_CONNECTED("connection_failed"),
    /** The request went out and no complete answer came in time: it may have acted. */
    TIMED_OUT("timeout"),
    /** The connection broke after the request went out: it may have acted. */
    CONNECTION_LOST("connection_lost");

    private final String code;

    Failure(String code) {
      this.code = code;
    }

    /** A bounded label for logs and metrics: never an exception's free-text message. */
    public String code() {
      return code;
    }

    /** Whether the request may have reached the provider, so that it may have acted on it. */
    public boolean mayHaveActed() {
      return this != NOT_CONNECTED;
    }
  }

  private Transport() {}

  /**
   * Sends and reads the whole response within the request's {@link HttpRequest#timeout}, which must
   * be set. The JDK applies that timeout only until the headers are in; a body that trickles in
   * slowly would then hold the caller for as long as the provider likes, so the body gets whatever
   * is left of it.
   *
   * <p>The exchange runs on the caller's thread through {@link HttpClient#send}: {@link
   * HttpClient#sendAsync} hands every completion to the default executor of {@link
   * CompletableFuture}, which starts a new thread per call when the common pool has fewer than two
   * threads (any machine with two cores or fewer).
   *
   * @throws IllegalArgumentException when the request has no timeout
   */
  public static HttpResponse<byte[]> send(HttpClient client, HttpRequest request)
      throws IOException, InterruptedException {
    Duration deadline =
        request
            .timeout()
            .orElseThrow(() -> new IllegalArgumentException("the request must have a timeout"));
    long deadlineAt = System.nanoTime() + deadline.toNanos();
    return client.send(request, info -> new BoundedBody(deadlineAt - System.nanoTime(), deadline));
  }

  /**
   * The whole body as bytes, or an {@link HttpTimeoutException} once the exchange's deadline has
   * passed; giving up also cancels the subscription, so the connection is closed instead of read to
   * its end. The timer is the one behind {@link CompletableFuture#orTimeout}: a single daemon
   * thread for the whole JVM, which runs the expiry itself and never starts a thread for it.
   */
  private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final HttpResponse.BodySubscriber<byte[]> bytes =
        HttpResponse.BodySubscribers.ofByteArray();
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();

    BoundedBody(long remainingNanos, Duration deadline) {
      bytes
          .getBody()
          .whenComplete(
              (value, failure) -> {
                if (failure == null) {
                  body.complete(value);
                } else {
                  body.completeExceptionally(failure);
                }
              });
      CompletableFuture<Void> timer =
          new CompletableFuture<Void>().orTimeout(remainingNanos, TimeUnit.NANOSECONDS);
      timer.whenComplete(
          (ignored, expired) -> {
            if (expired != null
                && body.completeExceptionally(
                    new HttpTimeoutException("no complete response within " + deadline))) {
              Flow.Subscription current = subscription.get();
              if (current != null) {
                current.cancel();
              }
            }
          });
      // An answer in time cancels the expiry, which the scheduler then drops from its queue.
      body.whenComplete((value, failure) -> timer.complete(null));
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription.set(subscription);
      if (body.isCompletedExceptionally()) {
        // The deadline passed before the body started.
        subscription.cancel();
        return;
      }
      bytes.onSubscribe(subscription);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
      bytes.onNext(item);
    }

    @Override
    public void onError(Throwable throwable) {
      bytes.onError(throwable);
    }

    @Override
    public void onComplete() {
      bytes.onComplete();
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return body;
    }
  }

  /**
   * What a failed {@link #send} means. A connect timeout or a refused connection never reached the
   * provider; any other timeout or I/O error came after the request went out, or may have.
   */
  public static Failure classify(IOException e) {
    if (e instanceof HttpConnectTimeoutException) {
      return Failure.NOT_CONNECTED;
    }
    if (e instanceof HttpTimeoutException) {
      return Failure.TIMED_OUT;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return Failure.NOT_CONNECTED;
      }
    }
    return Failure.CONNECTION_LOST;
  }

  /**
   * The wait an answer's {@code Retry-After} header asks for: a number of seconds, or an HTTP date
   * (a date already past is no wait). Empty when there is no such header or it is neither.
   */
  public static Optional<Duration> retryAfter(HttpHeaders headers, Clock clock) {
    String value = headers.firstValue("Retry-After").map(String::strip).orElse("");
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (SECONDS.matcher(value).matches()) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(clock.instant(), at);
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
