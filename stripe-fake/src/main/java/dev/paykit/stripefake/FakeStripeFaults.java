package dev.paykit.stripefake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Faults the fake commits on its next requests of a {@link Route}, used up in the order they were
 * armed, each for its next {@code times} requests. Before acting, the fault is the whole answer:
 * nothing is created and the idempotency key stays free. After acting, the request is carried out
 * (the key remembers its answer) and then the answer is lost, cut or slowed down.
 */
public final class FakeStripeFaults {

  /** The requests that move money or submit evidence, and carry an idempotency key. */
  public enum Route {
    CREATE_PAYMENT_INTENT("POST", "/v1/payment_intents"),
    CREATE_REFUND("POST", "/v1/refunds"),
    /** {@code POST /v1/disputes/{id}}: evidence, submitted or not. */
    UPDATE_DISPUTE("POST", "/v1/disputes/*");

    final String method;
    final String path;

    Route(String method, String path) {
      this.method = method;
      this.path = path;
    }

    static Route of(String method, String path) {
      for (Route route : values()) {
        if (route.method.equals(method) && matches(route.path, path)) {
          return route;
        }
      }
      return null;
    }

    /** Whether {@code path} is {@code template}, a {@code *} standing for any one segment. */
    private static boolean matches(String template, String path) {
      String[] want = template.split("/", -1);
      String[] got = path.split("/", -1);
      if (want.length != got.length) {
        return false;
      }
      for (int i = 0; i < want.length; i++) {
        boolean any = want[i].equals("*") && !got[i].isEmpty();
        if (!any && !want[i].equals(got[i])) {
          return false;
        }
      }
      return true;
    }
  }

  sealed interface Fault {}

  /** An error answer instead of acting. */
  record Refuse(int status, String type, String code, Boolean shouldRetry, Duration retryAfter)
      implements Fault {}

  /** Acts, then holds the connection without a byte of answer, then closes it. */
  record Drop(Duration hold) implements Fault {}

  /** Acts, then closes the connection without an answer. */
  record Close() implements Fault {}

  /** Closes the connection without an answer, before acting: nothing is done. */
  record CloseFirst() implements Fault {}

  /** Holds the idempotency key while waiting before it acts, then answers as usual. */
  record Stall(Duration hold) implements Fault {}

  /** Acts, then sends the status and headers at once and the body a byte at a time. */
  record Slow(Duration bodyTime) implements Fault {}

  private static final class Armed {
    final Route route;
    final Fault fault;
    int remaining;

    Armed(Route route, Fault fault, int times) {
      this.route = route;
      this.fault = fault;
      this.remaining = times;
    }
  }

  private final List<Armed> armed = new ArrayList<>();
  private final Map<String, Integer> attempts = new HashMap<>();

  FakeStripeFaults() {}

  /** Acts, then sends nothing for ten seconds (longer than a client should wait) and closes. */
  public void dropAnswerAfterActing(Route route, int times) {
    dropAnswerAfterActing(route, times, Duration.ofSeconds(10));
  }

  public void dropAnswerAfterActing(Route route, int times, Duration hold) {
    arm(route, times, new Drop(Objects.requireNonNull(hold, "hold")));
  }

  public void closeAfterActing(Route route, int times) {
    arm(route, times, new Close());
  }

  /**
   * Closes the connection without an answer before reading the request further: the client cannot
   * tell this from {@link #closeAfterActing}, but nothing was done and the key stays free.
   */
  public void closeBeforeActing(Route route, int times) {
    arm(route, times, new CloseFirst());
  }

  /**
   * {@code 429 lock_timeout} with {@code Stripe-Should-Retry: true}: Stripe's answer for a request
   * it could not start, because another held the object it needed.
   */
  public void refuseBeforeActing(Route route, int times) {
    answer(route, times, 429, "invalid_request_error", "lock_timeout", true, null);
  }

  /** {@code 429 rate_limit} with {@code Retry-After} in whole seconds. */
  public void rateLimit(Route route, int times, Duration retryAfter) {
    answer(route, times, 429, "invalid_request_error", "rate_limit", true, retryAfter);
  }

  /**
   * {@code status} (500 to 599) as an {@code api_error}, with {@code Stripe-Should-Retry: true}.
   */
  public void serverError(Route route, int times, int status) {
    if (status < 500 || status > 599) {
      throw new IllegalArgumentException("status must be 500 to 599, was " + status);
    }
    answer(route, times, status, "api_error", null, true, null);
  }

  /**
   * Any error answer, before acting.
   *
   * @param shouldRetry the {@code Stripe-Should-Retry} header, or {@code null} for none
   * @param retryAfter the {@code Retry-After} header in whole seconds, or {@code null} for none
   */
  public void answer(
      Route route,
      int times,
      int status,
      String type,
      String code,
      Boolean shouldRetry,
      Duration retryAfter) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be 400 to 599, was " + status);
    }
    arm(
        route,
        times,
        new Refuse(status, Objects.requireNonNull(type, "type"), code, shouldRetry, retryAfter));
  }

  /**
   * Waits {@code hold} after taking the request's idempotency key and before acting: a request with
   * the same key meanwhile is answered {@code 409 idempotency_key_in_use}.
   */
  public void stallWhileActing(Route route, int times, Duration hold) {
    arm(route, times, new Stall(Objects.requireNonNull(hold, "hold")));
  }

  public void slowBody(Route route, int times, Duration bodyTime) {
    arm(route, times, new Slow(Objects.requireNonNull(bodyTime, "bodyTime")));
  }

  public synchronized void clear() {
    armed.clear();
  }

  /**
   * The requests of {@code route} with {@code key} that reached the fake, faulted ones included.
   */
  public synchronized int attempts(Route route, String key) {
    return attempts.getOrDefault(route + " " + key, 0);
  }

  private synchronized void arm(Route route, int times, Fault fault) {
    Objects.requireNonNull(route, "route");
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1, was " + times);
    }
    armed.add(new Armed(route, fault, times));
  }

  /** Counts the request and takes one use of the first fault armed for its route, or null. */
  synchronized Fault draw(Route route, String key) {
    attempts.merge(route + " " + key, 1, Integer::sum);
    for (Iterator<Armed> it = armed.iterator(); it.hasNext(); ) {
      Armed a = it.next();
      if (a.route == route) {
        if (--a.remaining == 0) {
          it.remove();
        }
        return a.fault;
      }
    }
    return null;
  }
}
