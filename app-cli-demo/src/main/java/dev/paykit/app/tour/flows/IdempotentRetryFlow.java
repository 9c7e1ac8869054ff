package dev.paykit.app.tour.flows;

import dev.paykit.app.tour.Checks;
import dev.paykit.app.tour.Flow;
import dev.paykit.app.tour.TourContext;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.in.CreatePaymentResult;

/** The shop sends the same create twice (a double click, a retry): one payment, same answer. */
public final class IdempotentRetryFlow implements Flow {
  @Override
  public String name() {
    return "idempotent-retry";
  }

  @Override
  public String title() {
    return "the same create is sent twice";
  }

  @Override
  public String narration() {
    return "A double click or a retry after a network error sends the same request with the same"
        + " idempotency key. Paykit answers the stored result without calling the provider again:"
        + " the same payment, the same checkout URL, one charge.";
  }

  @Override
  public boolean needsSandboxOnlyEndpoints() {
    return false;
  }

  @Override
  public void run(TourContext tour, Checks checks) {
    double replaysBefore = tour.metrics().count("paykit.idempotency.replays");
    ExternalId order = tour.order(name());
    IdempotencyKey key = tour.key(order, "attempt-1");
    PaymentRequest request = tour.request(order);
    Payment first = tour.startPayment(request, key);
    CreatePaymentResult again = tour.create().create(new CreatePaymentCommand(key, request));
    tour.say()
        .step(
            "Sent again with the same key: "
                + again.getClass().getSimpleName()
                + " "
                + again.payment().id()
                + ".");
    Payment after = tour.settle(first);
    tour.timeline(after);

    checks.that(
        "the second answer is a replay",
        again instanceof CreatePaymentResult.Replayed,
        again.getClass().getSimpleName());
    checks.equal("of the same payment", first.id(), again.payment().id());
    checks.equal("with the same checkout", first.checkoutUrl(), again.payment().checkoutUrl());
    checks.equal(
        "the replay is counted",
        1L,
        Math.round(tour.metrics().count("paykit.idempotency.replays") - replaysBefore));
    tour.checkEnd(checks, after, PaymentState.STARTED);
  }
}
