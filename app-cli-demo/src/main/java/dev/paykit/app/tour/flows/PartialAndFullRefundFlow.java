package dev.paykit.app.tour.flows;

import dev.paykit.app.tour.Checks;
import dev.paykit.app.tour.Flow;
import dev.paykit.app.tour.TourContext;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.refund.Refund;
import dev.paykit.domain.refund.RefundState;
import dev.paykit.port.in.RefundCommand;
import dev.paykit.port.in.RefundNotAllowedException;
import dev.paykit.port.in.RefundResult;
import dev.paykit.sandbox.SandboxRefund;
import java.util.List;

/** EUR 5.00 back, then the remaining 5.50; one cent more is refused. */
public final class PartialAndFullRefundFlow implements Flow {
  @Override
  public String name() {
    return "partial-and-full-refund";
  }

  @Override
  public String title() {
    return "a partial refund, then the rest";
  }

  @Override
  public String narration() {
    return "The customer returns one ticket: EUR 5.00 of 10.50 goes back, then the remaining 5.50."
        + " Each refund has its own idempotency key. A refund of one more cent would exceed the"
        + " payment: Paykit refuses it before asking the provider. The provider settles each"
        + " refund a moment later and says so by webhook.";
  }

  @Override
  public boolean needsSandboxOnlyEndpoints() {
    return true;
  }

  @Override
  public void run(TourContext tour, Checks checks) throws Exception {
    ExternalId order = tour.order(name());
    Payment started = tour.startPayment(order, tour.key(order, "attempt-1"));
    tour.customer().pay(started.checkoutUrl());
    Payment paid = tour.settle(tour.awaitState(started, PaymentState.SUCCEEDED));

    IdempotencyKey partialKey = tour.key(order, "refund-1");
    IdempotencyKey restKey = tour.key(order, "refund-2");
    RefundResult partial = refund(tour, paid, partialKey, 500);
    RefundResult rest = refund(tour, paid, restKey, 550);
    String oneMore;
    try {
      refund(tour, paid, tour.key(order, "refund-3"), 1);
      oneMore = "accepted";
    } catch (RefundNotAllowedException e) {
      oneMore = e.code();
    }
    tour.say()
        .step(
            "Refunds: EUR 5.00 "
                + partial.getClass().getSimpleName()
                + ", EUR 5.50 "
                + rest.getClass().getSimpleName()
                + ", EUR 0.01 more: "
                + oneMore
                + ".");

    List<Refund> settled =
        List.of(awaitSucceeded(tour, partial.refund()), awaitSucceeded(tour, rest.refund()));
    tour.settle(paid);
    tour.say().step("The provider settled both refunds; their webhooks were applied.");
    tour.timeline(paid);

    checks.that(
        "both refunds were accepted",
        partial instanceof RefundResult.Accepted && rest instanceof RefundResult.Accepted,
        partial.getClass().getSimpleName() + ", " + rest.getClass().getSimpleName());
    checks.equal("one cent more is refused", "refund_exceeds_payment", oneMore);
    checks.that(
        "both are succeeded in the store",
        settled.stream().allMatch(r -> r.state() == RefundState.SUCCEEDED),
        settled.stream().map(r -> r.state().name()).toList().toString());
    long refundedAtProvider =
        settled.stream()
            .map(r -> tour.sandboxOnly().refund(r.providerRefundId()))
            .mapToLong(r -> r.map(SandboxRefund::amount).map(a -> a.value()).orElse(0L))
            .sum();
    checks.equal("the provider refunded exactly the payment", 1050L, refundedAtProvider);
    checks.that(
        "each refund key refunded once",
        tour.sandboxOnly().ledger().refundsFor(partialKey.value()) == 1
            && tour.sandboxOnly().ledger().refundsFor(restKey.value()) == 1,
        "ledger: "
            + tour.sandboxOnly().ledger().refundsFor(partialKey.value())
            + " and "
            + tour.sandboxOnly().ledger().refundsFor(restKey.value()));
    tour.checkEnd(checks, tour.reload(paid), PaymentState.SUCCEEDED);
  }

  private static RefundResult refund(
      TourContext tour, Payment paid, IdempotencyKey key, long minorUnits) {
    return tour.refund()
        .refund(new RefundCommand(key, paid.id(), Money.of(minorUnits, "EUR"), null));
  }

  private static Refund awaitSucceeded(TourContext tour, Refund refund) {
    Refund[] current = {refund};
    tour.awaitTrue(
        "refund " + refund.id() + " to succeed",
        () -> {
          current[0] = tour.refunds().findById(refund.id()).orElseThrow();
          return current[0].state() == RefundState.SUCCEEDED;
        });
    return current[0];
  }
}
