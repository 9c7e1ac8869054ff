package dev.paykit.app.tour.flows;

import dev.paykit.app.tour.Checks;
import dev.paykit.app.tour.Flow;
import dev.paykit.app.tour.TourContext;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.sandbox.Fault;
import java.time.Duration;

/** A 429 with Retry-After, then a 503: retried with the same key, created once. */
public final class RetryAfterRateLimitFlow implements Flow {
  @Override
  public String name() {
    return "rate-limit-and-503";
  }

  @Override
  public String title() {
    return "429 and 503 are retried with backoff";
  }

  @Override
  public String narration() {
    return "The provider answers the create first with 429 Too Many Requests (Retry-After: 1),"
        + " then with 503 Unavailable. The gateway waits the second the 429 asks for, then a"
        + " short jittered backoff, and tries again with the same idempotency key each time."
        + " Only these transient answers are retried; a 400 or 422 never is.";
  }

  @Override
  public boolean needsSandboxOnlyEndpoints() {
    return true;
  }

  @Override
  public void run(TourContext tour, Checks checks) {
    double rateLimited = retries(tour, "429 rate_limited");
    double unavailable = retries(tour, "503 unavailable");
    tour.sandboxOnly()
        .faults()
        .inject(Fault.rateLimited("POST /v1/payments", 1), Fault.error("POST /v1/payments", 503));
    ExternalId order = tour.order(name());
    IdempotencyKey key = tour.key(order, "attempt-1");
    long before = System.nanoTime();
    Payment started = tour.startPayment(order, key);
    Duration took = Duration.ofNanos(System.nanoTime() - before);
    tour.say().step("Three attempts in " + took.toMillis() + " ms.");
    tour.timeline(started);

    checks.equal(
        "the 429 was retried", 1L, Math.round(retries(tour, "429 rate_limited") - rateLimited));
    checks.equal(
        "the 503 was retried", 1L, Math.round(retries(tour, "503 unavailable") - unavailable));
    checks.that(
        "Retry-After was honoured",
        took.compareTo(Duration.ofSeconds(1)) >= 0,
        took.toMillis() + " ms for the create");
    tour.checkEnd(checks, tour.settle(started), PaymentState.STARTED);
  }

  private static double retries(TourContext tour, String cause) {
    return tour.metrics()
        .count("paykit.provider.retries", "operation", "createPayment", "cause", cause);
  }
}
