package dev.paykit.app.tour.flows;

import dev.paykit.app.tour.Checks;
import dev.paykit.app.tour.Flow;
import dev.paykit.app.tour.TourContext;
import dev.paykit.domain.message.CustomerMessage;
import dev.paykit.domain.message.CustomerMessages;
import dev.paykit.domain.payment.DeclineCode;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.FailureReason;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import java.util.Locale;

/** The issuer declines for insufficient funds; the customer is told so in plain words. */
public final class DeclineFlow implements Flow {
  @Override
  public String name() {
    return "decline";
  }

  @Override
  public String title() {
    return "the card is declined for insufficient funds";
  }

  @Override
  public String narration() {
    return "The provider reports the payment cancelled with reason declined and decline code"
        + " insufficient_funds. Paykit keeps reason and code for developers and support, and"
        + " shows the customer a message meant for a customer: no codes, and a hint to try"
        + " another card.";
  }

  @Override
  public boolean needsSandboxOnlyEndpoints() {
    return true;
  }

  @Override
  public void run(TourContext tour, Checks checks) throws Exception {
    ExternalId order = tour.order(name());
    Payment started = tour.startPayment(order, tour.key(order, "attempt-1"));
    tour.customer().decline(started.checkoutUrl(), "insufficient_funds");
    tour.say().step("At the checkout, the issuer declines the card: insufficient funds.");

    Payment failed = tour.settle(tour.awaitState(started, PaymentState.FAILED));
    tour.timeline(failed);
    CustomerMessage message = CustomerMessages.of(failed);
    tour.say().step("The customer reads: \"" + message.title() + ". " + message.body() + "\"");

    tour.checkEnd(checks, failed, PaymentState.FAILED);
    checks.equal(
        "the failure reason is kept",
        FailureReason.DECLINED,
        failed.failureInfo().map(f -> f.reason()).orElse(null));
    checks.equal(
        "the decline code is kept",
        DeclineCode.INSUFFICIENT_FUNDS,
        failed.failureInfo().map(f -> f.declineCode()).orElse(null));
    checks.that(
        "the customer is told why, without codes",
        message.body().toLowerCase(Locale.ROOT).contains("insufficient funds")
            && !message.body().contains("insufficient_funds"),
        message.body());
    checks.that("the customer may try again", message.mayRetry(), "mayRetry=" + message.mayRetry());
  }
}
