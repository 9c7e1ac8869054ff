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
import dev.paykit.port.in.CreatePaymentResult;
import dev.paykit.port.in.ReconciliationReport;
import dev.paykit.sandbox.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The provider is down: the payment waits, queued, and is sent when it is back. */
public final class OutageQueuedFlow implements Flow {
  /** A currency with no backup provider, so that the outage queues the payment. */
  private static final Money POUNDS = Money.of(1050, "GBP");

  private static final Duration HOUR = Duration.ofHours(1);
  private final int attempts;
  private final Duration resubmitAfter;

  /**
   * @param attempts the gateway's attempts, so that the outage outlasts every one of them
   * @param resubmitAfter how long a queued payment waits before the reconciler sends it
   */
  public OutageQueuedFlow(int attempts, Duration resubmitAfter) {
    this.attempts = attempts;
    this.resubmitAfter = resubmitAfter;
  }

  @Override
  public String name() {
    return "outage-queued";
  }

  @Override
  public String title() {
    return "the provider is down: queued, submitted later";
  }

  @Override
  public String narration() {
    return "The provider answers 503 to every attempt, before doing anything. The order is in"
        + " pounds, which the shop routes to the reference provider alone (euros would fail over"
        + " to Stripe, see failover-to-second-provider). Paykit knows the provider did not act, so"
        + " the payment stays CREATED, queued, and the customer is told it is pending rather than"
        + " failed. When the provider is back, the reconciler sends it with the same idempotency"
        + " key.";
  }

  @Override
  public boolean needsSandboxOnlyEndpoints() {
    return true;
  }

  @Override
  public void run(TourContext tour, Checks checks) {
    double queuedBefore = tour.metrics().count("paykit.payments.queued");
    tour.sandboxOnly().faults().inject(Fault.error("POST /v1/payments", 503).times(attempts));
    ExternalId order = tour.order(name());
    IdempotencyKey key = tour.key(order, "attempt-1");
    CreatePaymentResult queued =
        tour.create().create(new CreatePaymentCommand(key, tour.request(order, POUNDS, HOUR)));
    int duringOutage = tour.sandboxOnly().ledger().paymentsFor(key.value());
    tour.say()
        .step(
            "Every attempt got 503: "
                + queued.getClass().getSimpleName()
                + ", the payment is "
                + queued.payment().state()
                + "; the provider has "
                + duringOutage
                + " payment for the key.");

    Instant due = queued.payment().updatedAt().plus(resubmitAfter);
    tour.awaitTrue("the queued payment to be due", () -> tour.clock().instant().isAfter(due));
    ReconciliationReport report = tour.reconcile().reconcile();
    Optional<ReconciliationReport.Item> item =
        report.items().stream()
            .filter(i -> i.paymentId().equals(queued.payment().id()))
            .findFirst();
    tour.say()
        .step(
            "The provider is back; a reconciliation pass (a scheduled job in production) "
                + item.map(i -> "did " + i.action() + ": " + i.before() + " -> " + i.after())
                    .orElse("did not see it")
                + ".");
    Payment started = tour.settle(tour.reload(queued.payment()));
    tour.timeline(started);

    checks.that(
        "during the outage it was queued",
        queued instanceof CreatePaymentResult.Queued
            && queued.payment().state() == PaymentState.CREATED,
        queued.getClass().getSimpleName() + " " + queued.payment().state());
    checks.equal("nothing was created during the outage", 0, duringOutage);
    checks.equal(
        "the queue is counted",
        1L,
        Math.round(tour.metrics().count("paykit.payments.queued") - queuedBefore));
    checks.equal(
        "the reconciler resubmitted it",
        ReconciliationReport.Action.RESUBMITTED,
        item.map(ReconciliationReport.Item::action).orElse(null));
    tour.checkEnd(checks, started, PaymentState.STARTED);
  }
}
