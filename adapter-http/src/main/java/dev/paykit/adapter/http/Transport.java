package dev.paykit.adapter.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One HTTP exchange with a deadline on the whole of it, and what a failure of it means. */
final class Transport {

  /** What an exchange that produced no response says about whether the provider acted. */
  enum Failure {
    /** No connection was made: the provider never saw the request. */
    NOT_CONNECTED("connection_failed"),
    /** The request went out and no complete answer came in time: it may have acted. */
    TIMED_OUT("timeout"),
    /** The connection broke after the request went out: it may have acted. */
    CONNECTION_LOST("connection_lost");

    final String code;

    Failure(String code) {
      this.code = code;
    }

    boolean mayHaveActed() {
      return this != NOT_CONNECTED;
    }
  }

  private Transport() {}

  /**
   * Sends and reads the whole response within {@code deadline}. {@link HttpRequest#timeout} alone
   * stops waiting once the headers are in; a body that trickles in slowly would then hold the
   * caller for as long as the provider likes.
   */
  static HttpResponse<byte[]> send(HttpClient client, HttpRequest request, Duration deadline)
      throws IOException, InterruptedException {
    CompletableFuture<HttpResponse<byte[]>> exchange =
        client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    try {
      return exchange.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw new HttpTimeoutException("no complete response within " + deadline);
    } catch (InterruptedException e) {
      exchange.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      while ((cause instanceof CompletionException || cause instanceof ExecutionException)
          && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException("HTTP exchange failed", cause);
    }
  }

  static Failure classify(IOException e) {
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

  /** The wait a {@code Retry-After} header asks for (seconds or an HTTP date), or null. */
  static Duration retryAfter(HttpResponse<?> response, Clock clock) {
    String value = response.headers().firstValue("Retry-After").map(String::strip).orElse(null);
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (value.matches("[0-9]{1,9}")) {
      return Duration.ofSeconds(Long.parseLong(value));
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(clock.instant(), at);
      return wait.isNegative() ? Duration.ZERO : wait;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
