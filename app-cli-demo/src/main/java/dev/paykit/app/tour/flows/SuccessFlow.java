package dev.paykit.app.tour.flows;

import dev.paykit.app.tour.Checks;
import dev.paykit.app.tour.Flow;
import dev.paykit.app.tour.TourContext;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.TransitionSource;
import java.net.URI;

/** The happy path: created, paid at the hosted checkout, confirmed by a verified webhook. */
public final class SuccessFlow implements Flow {
  @Override
  public String name() {
    return "success";
  }

  @Override
  public String title() {
    return "a customer pays at the hosted checkout";
  }

  @Override
  public String narration() {
    return "Paykit records the payment, then creates it at the provider with an idempotency key"
        + " derived from the order, and sends the customer to the provider's checkout page. The"
        + " customer presses Pay. The provider's signed webhooks (in progress, then confirmed)"
        + " are verified, stored in the inbox and applied through the state machine.";
  }

  @Override
  public boolean needsSandboxOnlyEndpoints() {
    return true;
  }

  @Override
  public void run(TourContext tour, Checks checks) throws Exception {
    ExternalId order = tour.order(name());
    IdempotencyKey key = tour.key(order, "attempt-1");
    Payment started = tour.startPayment(order, key);
    URI back = tour.customer().pay(started.checkoutUrl());
    tour.say().step("The customer presses Pay; the checkout sends the browser back to " + back);

    Payment paid = tour.settle(tour.awaitState(started, PaymentState.SUCCEEDED));
    tour.timeline(paid);

    tour.checkEnd(checks, paid, PaymentState.SUCCEEDED);
    checks.equal(
        "the final word came from a verified webhook",
        TransitionSource.WEBHOOK,
        tour.lastApplied(paid).map(e -> e.source()).orElse(null));
    checks.equal(
        "the sandbox confirmed one payment for the key",
        1L,
        tour.sandboxOnly().payments().stream()
            .filter(p -> p.idempotencyKey().equals(key.value()))
            .filter(p -> p.status().wireName().equals("confirmed"))
            .count());
  }
}
