package dev.paykit.app.tour.flows;

import dev.paykit.app.tour.Checks;
import dev.paykit.app.tour.Flow;
import dev.paykit.app.tour.TourContext;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.TransitionSource;
import dev.paykit.sandbox.Fault;
import java.time.Duration;
import java.util.List;

/** A token revoked early is replaced after one 401; an ageing one is replaced before it expires. */
public final class TokenRefreshFlow implements Flow {
  private final Duration tokenLifetime;

  /**
   * @param tokenLifetime how long the sandbox's tokens live, so the flow knows how far to move
   */
  public TokenRefreshFlow(Duration tokenLifetime) {
    this.tokenLifetime = tokenLifetime;
  }

  @Override
  public String name() {
    return "token-refresh";
  }

  @Override
  public String title() {
    return "the access token expires and is refreshed";
  }

  @Override
  public String narration() {
    return "The gateway caches its OAuth2 access token (one fetch however many threads ask). First"
        + " the sandbox revokes every token early: the next call is refused with 401, and the"
        + " gateway re-authenticates once and repeats the call once. Then the demo moves the shared"
        + " clock until that new token has 30 seconds left to live: the gateway replaces it before"
        + " using it, as it replaces every token a minute before it expires, so no call is refused.";
  }

  @Override
  public boolean needsSandboxOnlyEndpoints() {
    return true;
  }

  @Override
  public void run(TourContext tour, Checks checks) {
    ExternalId order = tour.order(name());
    Payment started = tour.startPayment(order, tour.key(order, "attempt-1"));
    double errorsBefore = tour.metrics().count("paykit.provider.errors");

    tour.sandboxOnly().faults().inject(Fault.expireTokens());
    tour.say().step("The sandbox revokes every access token it issued.");
    double beforeRevoking = refreshes(tour);
    Payment afterRevoke = tour.verify().verify(started.id());
    double afterRevoking = refreshes(tour);
    tour.say()
        .step(
            "A status look-up was refused with 401, re-authenticated ("
                + Math.round(afterRevoking - beforeRevoking)
                + " new token) and answered "
                + afterRevoke.state()
                + ".");

    tour.jump(
        tokenLifetime.minusSeconds(30), "the new token has 30 seconds left before it expires.");
    Payment afterAgeing = tour.verify().verify(started.id());
    double afterAged = refreshes(tour);
    tour.say()
        .step(
            "The next look-up first fetched "
                + Math.round(afterAged - afterRevoking)
                + " new token, then answered "
                + afterAgeing.state()
                + ".");
    tour.timeline(afterAgeing);
    List<HistoryEntry> lookUps =
        tour.history(afterAgeing).stream()
            .filter(e -> e.source() == TransitionSource.LOOKUP)
            .toList();

    checks.equal(
        "a revoked token is replaced after one 401",
        1L,
        Math.round(afterRevoking - beforeRevoking));
    checks.equal(
        "an ageing token is replaced before it expires", 1L, Math.round(afterAged - afterRevoking));
    checks.equal(
        "no call failed on the way",
        0L,
        Math.round(tour.metrics().count("paykit.provider.errors") - errorsBefore));
    checks.equal("both look-ups reached the provider", 2L, TourContext.reports(lookUps));
    checks.equal("the second look-up is counted, not appended", 1, lookUps.size());
    tour.checkEnd(checks, afterAgeing, PaymentState.STARTED);
  }

  private static double refreshes(TourContext tour) {
    return tour.metrics().count("paykit.provider.token_refreshes");
  }
}
