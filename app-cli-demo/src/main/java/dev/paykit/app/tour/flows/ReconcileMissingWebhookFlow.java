package dev.paykit.app.tour.flows;

import dev.paykit.app.tour.Checks;
import dev.paykit.app.tour.Flow;
import dev.paykit.app.tour.TourContext;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.TransitionSource;
import dev.paykit.port.in.ReconciliationReport;
import dev.paykit.sandbox.WebhookDelivery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The provider confirmed, but its webhook never came: the reconciler asks and finds out. */
public final class ReconcileMissingWebhookFlow implements Flow {
  private final Duration reconcileAfter;

  /**
   * @param reconcileAfter how long a started payment may go without news before it is looked up
   */
  public ReconcileMissingWebhookFlow(Duration reconcileAfter) {
    this.reconcileAfter = reconcileAfter;
  }

  @Override
  public String name() {
    return "reconcile-missing-webhook";
  }

  @Override
  public String title() {
    return "the webhook never comes; reconciliation finds the payment paid";
  }

  @Override
  public String narration() {
    return "The customer pays, but the provider's webhooks never arrive (the sandbox is told to"
        + " send them nowhere) and the customer closes the tab. The payment sits STARTED. A"
        + " reconciliation pass looks up every payment that went without news for too long"
        + " (here one second, in production minutes) and applies what the provider says; the"
        + " shop hears of it from the outbox as of any other change, and fulfils the order.";
  }

  @Override
  public boolean needsSandboxOnlyEndpoints() {
    return true;
  }

  @Override
  public void run(TourContext tour, Checks checks) throws Exception {
    ExternalId order = tour.order(name());
    Payment started = tour.startPayment(order, tour.key(order, "attempt-1"));
    tour.sandboxOnly().setWebhookUrl(null);
    try {
      tour.customer().pay(started.checkoutUrl());
    } finally {
      tour.resetProvider();
    }
    List<WebhookDelivery> lost = tour.webhooksOf(started);
    Payment waiting = tour.reload(started);
    tour.say()
        .step(
            "The customer paid; "
                + lost.size()
                + " webhooks were never sent; Paykit still has it "
                + waiting.state()
                + ".");

    Instant due = waiting.updatedAt().plus(reconcileAfter);
    tour.awaitTrue(
        "the payment to be due for a look-up", () -> tour.clock().instant().isAfter(due));
    ReconciliationReport report = tour.reconcile().reconcile();
    Optional<ReconciliationReport.Item> item =
        report.items().stream().filter(i -> i.paymentId().equals(started.id())).findFirst();
    tour.say()
        .step(
            "A reconciliation pass looked at "
                + report.items().size()
                + " payment(s); this one: "
                + item.map(i -> i.action() + " " + i.before() + " -> " + i.after()).orElse("none")
                + ".");
    Payment paid = tour.reload(started);
    tour.timeline(paid);

    checks.that(
        "no webhook reached the shop",
        !lost.isEmpty()
            && lost.stream().allMatch(d -> d.state() == WebhookDelivery.State.NO_ENDPOINT),
        lost.stream().map(d -> d.state().name()).toList().toString());
    checks.equal("before the pass it was still started", PaymentState.STARTED, waiting.state());
    checks.equal(
        "the pass looked it up",
        ReconciliationReport.Action.LOOKED_UP,
        item.map(ReconciliationReport.Item::action).orElse(null));
    checks.equal(
        "the final word came from the look-up",
        TransitionSource.LOOKUP,
        tour.lastApplied(paid).map(e -> e.source()).orElse(null));
    tour.checkState(checks, paid, PaymentState.SUCCEEDED);
    tour.checkChargedOnce(checks, paid);
    // The outbox event is written with the change, whichever way the news came.
    tour.checkFulfilment(checks, paid);
  }
}
