package dev.paykit.app.tour.flows;

import dev.paykit.app.tour.Checks;
import dev.paykit.app.tour.Flow;
import dev.paykit.app.tour.TourContext;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.in.IdempotencyKeyReusedException;
import dev.paykit.port.shared.PaymentQuery;
import java.time.Duration;

/** The same key comes back with a different amount: a conflict, not a second payment. */
public final class KeyReuseConflictFlow implements Flow {
  @Override
  public String name() {
    return "key-reuse-conflict";
  }

  @Override
  public String title() {
    return "the same key with a changed request";
  }

  @Override
  public String narration() {
    return "A bug sends the same idempotency key with a different amount. Paykit compares the"
        + " request's fingerprint with the one stored for the key and refuses with"
        + " idempotency_key_reuse (an HTTP API would answer 422). Nothing reaches the provider.";
  }

  @Override
  public boolean needsSandboxOnlyEndpoints() {
    return false;
  }

  @Override
  public void run(TourContext tour, Checks checks) {
    double conflictsBefore = tour.metrics().count("paykit.idempotency.conflicts");
    ExternalId order = tour.order(name());
    IdempotencyKey key = tour.key(order, "attempt-1");
    Payment first = tour.startPayment(order, key);
    String refused;
    try {
      tour.create()
          .create(
              new CreatePaymentCommand(
                  key, tour.request(order, Money.of(2000, "EUR"), Duration.ofHours(1))));
      refused = "accepted";
    } catch (IdempotencyKeyReusedException e) {
      refused = e.code();
    }
    tour.say().step("The same key with EUR 20.00 instead of 10.50: " + refused + ".");
    Payment after = tour.settle(first);
    tour.timeline(after);

    checks.equal("the changed request is refused", "idempotency_key_reuse", refused);
    checks.equal(
        "the conflict is counted",
        1L,
        Math.round(tour.metrics().count("paykit.idempotency.conflicts") - conflictsBefore));
    checks.equal(
        "the store has one payment for the order",
        1,
        tour.payments().list(PaymentQuery.all().withExternalId(order)).items().size());
    tour.checkEnd(checks, after, PaymentState.STARTED);
  }
}
