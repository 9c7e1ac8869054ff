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
import dev.paykit.sandbox.Fault;
import java.time.Duration;

/**
 * The provider creates the payment but its answer never arrives; the same key later finds the
 * payment the provider made instead of making a second one.
 */
public final class CreateTimeoutRecoveredFlow implements Flow {
  private final Duration requestTimeout;
  private final int attempts;

  /**
   * @param requestTimeout the gateway's timeout, so that the provider holds its answer longer
   * @param attempts the gateway's attempts, so that every one of them loses its answer
   */
  public CreateTimeoutRecoveredFlow(Duration requestTimeout, int attempts) {
    this.requestTimeout = requestTimeout;
    this.attempts = attempts;
  }

  @Override
  public String name() {
    return "create-timeout-recovered";
  }

  @Override
  public String title() {
    return "the create times out after the provider acted";
  }

  @Override
  public String narration() {
    return "The sandbox creates the payment and then holds its answer until the client gives up:"
        + " every attempt times out. The outcome is unknown, so the payment is SUBMITTED, not"
        + " failed. When the shop asks again with the same idempotency key, the provider answers"
        + " with the payment it already made: one payment, one charge.";
  }

  @Override
  public boolean needsSandboxOnlyEndpoints() {
    return true;
  }

  @Override
  public void run(TourContext tour, Checks checks) throws Exception {
    ExternalId order = tour.order(name());
    IdempotencyKey key = tour.key(order, "attempt-1");
    PaymentRequest request = tour.request(order);
    tour.sandboxOnly()
        .faults()
        .inject(
            Fault.dropResponse("POST /v1/payments")
                .holdFor(requestTimeout.plusSeconds(1))
                .times(attempts));

    CreatePaymentResult lost = tour.create().create(new CreatePaymentCommand(key, request));
    int atProvider = tour.sandboxOnly().ledger().paymentsFor(key.value());
    tour.say()
        .step(
            "Every attempt timed out: "
                + lost.getClass().getSimpleName()
                + ", the payment is "
                + lost.payment().state()
                + "; the sandbox's ledger shows "
                + atProvider
                + " payment for the key.");

    CreatePaymentResult again = tour.create().create(new CreatePaymentCommand(key, request));
    tour.say()
        .step(
            "The shop asks again with the same key: "
                + again.getClass().getSimpleName()
                + ", "
                + again.payment().state()
                + " as "
                + again.payment().transactionId()
                + ".");
    tour.customer().pay(again.payment().checkoutUrl());
    Payment paid = tour.settle(tour.awaitState(again.payment(), PaymentState.SUCCEEDED));
    tour.timeline(paid);

    checks.that(
        "the first answer was pending, not failed",
        lost instanceof CreatePaymentResult.Pending
            && lost.payment().state() == PaymentState.SUBMITTED,
        lost.getClass().getSimpleName() + " " + lost.payment().state());
    checks.equal("the provider had acted all the same", 1, atProvider);
    checks.that(
        "the same key found the provider's payment",
        again instanceof CreatePaymentResult.Started
            && again.payment().id().equals(lost.payment().id()),
        again.getClass().getSimpleName() + " " + again.payment().id());
    tour.checkEnd(checks, paid, PaymentState.SUCCEEDED);
  }
}
