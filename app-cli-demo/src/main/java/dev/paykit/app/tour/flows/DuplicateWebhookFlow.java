package dev.paykit.app.tour.flows;

import dev.paykit.app.tour.Checks;
import dev.paykit.app.tour.Flow;
import dev.paykit.app.tour.TourContext;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.sandbox.Fault;
import dev.paykit.sandbox.WebhookDelivery;
import java.util.List;

/** Every webhook arrives three times; each is acknowledged every time and applied once. */
public final class DuplicateWebhookFlow implements Flow {
  private static final int COPIES = 3;

  @Override
  public String name() {
    return "duplicate-webhook";
  }

  @Override
  public String title() {
    return "each webhook is delivered three times";
  }

  @Override
  public String narration() {
    return "Providers deliver at least once, so the same event can come again. The sandbox is told"
        + " to send each of the next two events three times. The receiver answers 200 to every"
        + " copy (so the provider stops), but the inbox keeps one per event id, and each event is"
        + " applied exactly once.";
  }

  @Override
  public boolean needsSandboxOnlyEndpoints() {
    return true;
  }

  @Override
  public void run(TourContext tour, Checks checks) throws Exception {
    double duplicatesBefore =
        tour.metrics().count("paykit.webhooks.received", "result", "duplicate");
    ExternalId order = tour.order(name());
    Payment started = tour.startPayment(order, tour.key(order, "attempt-1"));
    tour.sandboxOnly().faults().inject(Fault.webhookDuplicates(COPIES).times(2));
    tour.customer().pay(started.checkoutUrl());
    tour.say().step("The customer pays; the sandbox sends each of its two events three times.");

    tour.awaitState(started, PaymentState.SUCCEEDED);
    tour.awaitTrue(
        "all copies to be sent",
        () ->
            tour.webhooksOf(started).stream()
                .allMatch(d -> d.attemptCount() >= COPIES && d.lastStatus() != 0));
    Payment paid = tour.settle(started);
    tour.timeline(paid);

    List<WebhookDelivery> sent = tour.webhooksOf(paid);
    checks.that(
        "each event was sent three times",
        sent.size() == 2 && sent.stream().allMatch(d -> d.attemptCount() == COPIES),
        sent.stream().map(d -> d.eventId() + " x" + d.attemptCount()).toList().toString());
    checks.that(
        "every copy was answered 2xx",
        sent.stream()
            .flatMap(d -> d.attempts().stream())
            .allMatch(a -> a.status() >= 200 && a.status() < 300),
        "statuses "
            + sent.stream().flatMap(d -> d.attempts().stream()).map(a -> a.status()).toList());
    double duplicates =
        tour.metrics().count("paykit.webhooks.received", "result", "duplicate") - duplicatesBefore;
    checks.equal("copies counted as duplicates", 4L, Math.round(duplicates));
    tour.checkEnd(checks, paid, PaymentState.SUCCEEDED);
  }
}
