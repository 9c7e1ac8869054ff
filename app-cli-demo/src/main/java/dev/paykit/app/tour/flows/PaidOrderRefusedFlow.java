package dev.paykit.app.tour.flows;

import dev.paykit.app.tour.Checks;
import dev.paykit.app.tour.Flow;
import dev.paykit.app.tour.TourContext;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.in.OrderAlreadyPaidException;
import dev.paykit.port.shared.PaymentQuery;

/** An order that is paid cannot be paid again, whatever key the second request carries. */
public final class PaidOrderRefusedFlow implements Flow {
  @Override
  public String name() {
    return "paid-order-refused";
  }

  @Override
  public String title() {
    return "a second payment for a paid order is refused";
  }

  @Override
  public String narration() {
    return "The order is paid. A second attempt with a new idempotency key (another tab, a stale"
        + " cart) would charge the customer twice; Paykit refuses it with order_already_paid,"
        + " naming the payment that paid. A new attempt after a decline or a cancel is allowed.";
  }

  @Override
  public boolean needsSandboxOnlyEndpoints() {
    return true;
  }

  @Override
  public void run(TourContext tour, Checks checks) throws Exception {
    ExternalId order = tour.order(name());
    Payment first = tour.startPayment(order, tour.key(order, "attempt-1"));
    tour.customer().pay(first.checkoutUrl());
    Payment paid = tour.settle(tour.awaitState(first, PaymentState.SUCCEEDED));
    String refusal;
    String paidBy = "";
    try {
      tour.create()
          .create(new CreatePaymentCommand(tour.key(order, "attempt-2"), tour.request(order)));
      refusal = "accepted";
    } catch (OrderAlreadyPaidException e) {
      refusal = e.code();
      paidBy = e.paidBy().value();
    }
    tour.say().step("A second payment for the paid order, with a new key: " + refusal + ".");
    tour.timeline(paid);

    checks.equal("the second payment is refused", "order_already_paid", refusal);
    checks.equal("naming the payment that paid", paid.id().value(), paidBy);
    checks.equal(
        "the store has one payment for the order",
        1,
        tour.payments().list(PaymentQuery.all().withExternalId(order)).items().size());
    checks.equal(
        "the provider has one payment for the order",
        1L,
        tour.sandboxOnly().payments().stream()
            .filter(p -> p.externalId().equals(order.value()))
            .count());
    tour.checkEnd(checks, paid, PaymentState.SUCCEEDED);
  }
}
