package dev.paykit.app.tour.flows;

import dev.paykit.app.tour.Checks;
import dev.paykit.app.tour.Flow;
import dev.paykit.app.tour.TourContext;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.inbound.webhook.WebhookDelivery;
import java.time.Duration;
import java.util.List;

/** A captured genuine delivery is sent again later: once as a duplicate, then as stale. */
public final class ReplayedWebhookFlow implements Flow {
  @Override
  public String name() {
    return "replayed-webhook";
  }

  @Override
  public String title() {
    return "a captured webhook is replayed later";
  }

  @Override
  public String narration() {
    return "An attacker (or a confused proxy) captured the provider's genuine, correctly signed"
        + " 'confirmed' delivery and sends it again, byte for byte. Right away it is a duplicate:"
        + " acknowledged, not applied again. Six minutes later its signed timestamp is outside"
        + " the five-minute tolerance and it is rejected as stale. The demo moves the shared"
        + " clock six minutes forward instead of waiting.";
  }

  @Override
  public boolean needsSandboxOnlyEndpoints() {
    return true;
  }

  @Override
  public void run(TourContext tour, Checks checks) throws Exception {
    ExternalId order = tour.order(name());
    Payment started = tour.startPayment(order, tour.key(order, "attempt-1"));
    tour.customer().pay(started.checkoutUrl());
    Payment paid = tour.settle(tour.awaitState(started, PaymentState.SUCCEEDED));
    List<HistoryEntry> before = tour.history(paid);
    HistoryEntry confirmation = tour.lastApplied(paid).orElseThrow();
    List<WebhookDelivery> captured = tour.deliveries().ofEvent(confirmation.eventId());
    if (captured.isEmpty()) {
      throw new IllegalStateException("no delivery of " + confirmation.eventId() + " captured");
    }
    WebhookDelivery genuine = captured.get(0);
    tour.say().step("Captured the genuine delivery of " + genuine.eventId() + ".");
    double duplicatesBefore =
        tour.metrics().count("paykit.webhooks.received", "result", "duplicate");
    double staleBefore = stale(tour);

    int rightAway = tour.postWebhook(genuine.body(), genuine.headers());
    tour.say().step("Sent again at once: answered " + rightAway + " (a duplicate, dropped).");
    tour.jump(Duration.ofMinutes(6), "the captured delivery is now six minutes old.");
    int later = tour.postWebhook(genuine.body(), genuine.headers());
    tour.say().step("Sent again now: answered " + later + ".");

    Payment after = tour.reload(paid);
    tour.timeline(after);
    checks.equal("replayed at once: acknowledged", 200, rightAway);
    checks.equal(
        "and counted as a duplicate",
        1L,
        Math.round(
            tour.metrics().count("paykit.webhooks.received", "result", "duplicate")
                - duplicatesBefore));
    checks.equal("replayed six minutes later: 401", 401, later);
    checks.equal("and counted as a stale timestamp", 1L, Math.round(stale(tour) - staleBefore));
    checks.equal(
        "the history did not grow",
        TourContext.extent(before),
        TourContext.extent(tour.history(after)));
    tour.checkEnd(checks, after, PaymentState.SUCCEEDED);
  }

  private static double stale(TourContext tour) {
    return tour.metrics().count("paykit.webhooks.signature_failures", "reason", "STALE_TIMESTAMP");
  }
}
