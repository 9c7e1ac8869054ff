package dev.paykit.app.tour.flows;

import dev.paykit.app.tour.Checks;
import dev.paykit.app.tour.CustomerBrowser;
import dev.paykit.app.tour.Flow;
import dev.paykit.app.tour.TourContext;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.TransitionSource;
import dev.paykit.sandbox.Fault;
import dev.paykit.sandbox.SimulatedOutcome;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/** The customer is back on the shop before the provider has decided: the page says pending. */
public final class RedirectBeforeWebhookFlow implements Flow {
  @Override
  public String name() {
    return "redirect-before-webhook";
  }

  @Override
  public String title() {
    return "the customer is back before the provider confirmed";
  }

  @Override
  public String narration() {
    return "The customer has entered the card and the bank is still deciding (the sandbox's"
        + " simulate endpoint moves the payment to inprogress, and its webhook is held back a"
        + " second). The browser lands on the return URL with ?status=paid in it, which anyone"
        + " could type. The return page ignores it, asks the provider, and shows 'pending'. Only"
        + " when the provider confirms does the payment succeed.";
  }

  @Override
  public boolean needsSandboxOnlyEndpoints() {
    return true;
  }

  @Override
  public void run(TourContext tour, Checks checks) throws Exception {
    ExternalId order = tour.order(name());
    Payment started = tour.startPayment(order, tour.key(order, "attempt-1"));
    String tx = started.transactionId().value();
    tour.sandboxOnly().faults().inject(Fault.webhookDelay(Duration.ofSeconds(1)));
    tour.sandboxOnly().simulate(tx, SimulatedOutcome.INPROGRESS);

    URI back =
        URI.create(
            started.request().returnUrls().forPayment(started.id()).successUrl()
                + "&transactionId="
                + tx
                + "&status=paid");
    CustomerBrowser.Page page = tour.customer().open(back);
    tour.say()
        .step(
            "The browser lands on "
                + back
                + "; the page asks the provider and says \""
                + page.title()
                + "\" ("
                + page.state()
                + ").");
    Payment pending = tour.reload(started);
    List<HistoryEntry> lookUps =
        tour.history(pending).stream().filter(e -> e.source() == TransitionSource.LOOKUP).toList();

    tour.sandboxOnly().simulate(tx, SimulatedOutcome.CONFIRMED);
    tour.say().step("The bank approves; the provider confirms and sends its webhook.");
    Payment paid = tour.settle(tour.awaitState(started, PaymentState.SUCCEEDED));
    tour.timeline(paid);

    checks.equal("the return page said pending", "Payment pending", page.title());
    checks.equal(
        "after the redirect it is in progress, not paid",
        PaymentState.IN_PROGRESS,
        pending.state());
    checks.that(
        "the page asked the provider",
        !lookUps.isEmpty(),
        lookUps.stream().map(e -> e.reported() + " " + e.outcome()).toList().toString());
    tour.checkEnd(checks, paid, PaymentState.SUCCEEDED);
    checks.equal(
        "success came from the provider's webhook",
        TransitionSource.WEBHOOK,
        tour.lastApplied(paid).map(e -> e.source()).orElse(null));
  }
}
