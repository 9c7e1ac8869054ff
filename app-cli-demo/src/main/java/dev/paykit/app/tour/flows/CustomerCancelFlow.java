package dev.paykit.app.tour.flows;

import dev.paykit.app.tour.Checks;
import dev.paykit.app.tour.CustomerBrowser;
import dev.paykit.app.tour.Flow;
import dev.paykit.app.tour.TourContext;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.FailureReason;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import java.net.URI;

/** The customer presses Cancel and lands on the shop's page, which asks the provider. */
public final class CustomerCancelFlow implements Flow {
  @Override
  public String name() {
    return "customer-cancel";
  }

  @Override
  public String title() {
    return "the customer cancels at the checkout";
  }

  @Override
  public String narration() {
    return "The customer presses Cancel. The provider redirects the browser to the shop's cancel"
        + " URL and sends a webhook. The shop's return page does not trust the redirect: it asks"
        + " the provider (VerifyPayment) and shows what the provider said.";
  }

  @Override
  public boolean needsSandboxOnlyEndpoints() {
    return true;
  }

  @Override
  public void run(TourContext tour, Checks checks) throws Exception {
    ExternalId order = tour.order(name());
    Payment started = tour.startPayment(order, tour.key(order, "attempt-1"));
    URI back = tour.customer().cancel(started.checkoutUrl());
    CustomerBrowser.Page page = tour.customer().open(back);
    tour.say()
        .step(
            "The customer presses Cancel and lands on "
                + back
                + "; the page says \""
                + page.title()
                + "\".");

    Payment cancelled = tour.settle(tour.awaitState(started, PaymentState.CANCELLED));
    tour.timeline(cancelled);

    tour.checkEnd(checks, cancelled, PaymentState.CANCELLED);
    checks.equal(
        "the reason is the customer's cancel",
        FailureReason.CUSTOMER_CANCELLED,
        cancelled.failureInfo().map(f -> f.reason()).orElse(null));
    checks.equal("the return page shows the provider's word", "Payment cancelled", page.title());
  }
}
