package dev.paykit.app.tour.flows;

import dev.paykit.app.tour.Checks;
import dev.paykit.app.tour.Flow;
import dev.paykit.app.tour.TourContext;
import dev.paykit.domain.dispute.Dispute;
import dev.paykit.domain.dispute.DisputeState;
import dev.paykit.domain.dispute.Evidence;
import dev.paykit.domain.dispute.EvidenceDocument;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.outbox.OutboxEvent;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.refund.RefundState;
import dev.paykit.port.in.EvidenceResult;
import dev.paykit.port.in.RefundCommand;
import dev.paykit.port.in.RefundNotAllowedException;
import dev.paykit.port.in.RefundResult;
import dev.paykit.port.in.SubmitEvidenceCommand;
import dev.paykit.sandbox.DisputeStatus;
import dev.paykit.sandbox.SandboxDispute;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A chargeback from its first webhook to won: evidence sent once, the money refundable again. */
public final class DisputeWonFlow implements Flow {
  @Override
  public String name() {
    return "dispute-won";
  }

  @Override
  public String title() {
    return "a chargeback, contested with evidence and won";
  }

  @Override
  public String narration() {
    return "The cardholder tells their bank the tickets never came. The provider takes the EUR"
        + " 10.50 back and sends dispute.status_changed: Paykit verifies it, puts it in the inbox,"
        + " opens the dispute with its evidence deadline and tells the shop. While the dispute is"
        + " open the money counts as returned, so a refund of one cent is refused before anything"
        + " is sent. The shop sends its evidence (a text and a delivery receipt) with an"
        + " idempotency key; sent again with the same key, it reaches the provider only once. The"
        + " bank decides for the shop: the dispute is won and the money is refundable again.";
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

    SandboxDispute opened =
        tour.sandboxOnly().openDispute(paid.transactionId().value(), "product_not_received", null);
    tour.say()
        .step(
            "The bank opened dispute "
                + opened.disputeId()
                + " for "
                + opened.amount().value()
                + " minor units; evidence is due by "
                + opened.evidenceDueBy()
                + ".");
    Dispute dispute = awaitDispute(tour, paid, DisputeState.NEEDS_RESPONSE);

    String whileOpen = refundOutcome(tour, paid, tour.key(order, "refund-while-open"), 1);
    tour.say().step("A refund of EUR 0.01 while the dispute is open: " + whileOpen + ".");

    IdempotencyKey evidenceKey = tour.key(order, "evidence-1");
    SubmitEvidenceCommand command =
        new SubmitEvidenceCommand(dispute.id(), evidenceKey, evidence());
    EvidenceResult sent = tour.evidence().submit(command);
    EvidenceResult again = tour.evidence().submit(command);
    tour.say()
        .step(
            "Evidence sent: "
                + sent.getClass().getSimpleName()
                + " ("
                + sent.dispute().state()
                + "); sent again with the same key: "
                + again.getClass().getSimpleName()
                + ".");

    tour.sandboxOnly().resolveDispute(opened.disputeId(), DisputeStatus.WON);
    Dispute won = awaitDispute(tour, paid, DisputeState.WON);
    tour.say().step("The bank decided for the shop: the dispute is won.");
    RefundResult refund =
        tour.refund()
            .refund(
                new RefundCommand(
                    tour.key(order, "refund-after-won"), paid.id(), Money.of(1050, "EUR"), null));
    tour.say()
        .step(
            "A refund of the whole EUR 10.50 after the win: "
                + refund.getClass().getSimpleName()
                + ".");
    if (refund instanceof RefundResult.Accepted accepted) {
      // The provider settles the refund a moment later, by webhook: wait for it to be applied.
      tour.awaitTrue(
          "the refund after the win to succeed",
          () ->
              tour.refunds().findById(accepted.refund().id()).orElseThrow().state()
                  == RefundState.SUCCEEDED);
    }
    tour.settle(paid);
    tour.awaitTrue(
        "the shop to hear that the dispute was won",
        () -> heard(tour, paid).contains("dispute.won"));
    tour.timeline(won);

    checks.equal(
        "a refund while the dispute is open is refused", "refund_exceeds_payment", whileOpen);
    checks.that(
        "the evidence was taken, then replayed",
        sent instanceof EvidenceResult.Submitted && again instanceof EvidenceResult.Replayed,
        sent.getClass().getSimpleName() + ", " + again.getClass().getSimpleName());
    checks.that(
        "the evidence is recorded on the dispute",
        won.evidenceSubmitted().isPresent(),
        String.valueOf(won.evidenceSubmitted().orElse(null)));
    checks.equal("the dispute is won in the store", DisputeState.WON, won.state());
    checks.that(
        "the money is refundable again after the win",
        refund instanceof RefundResult.Accepted,
        refund.getClass().getSimpleName());
    List<String> heard = heard(tour, paid);
    checks.that(
        "the shop heard the dispute opened, then won",
        heard.indexOf("dispute.opened") >= 0
            && heard.indexOf("dispute.won") > heard.indexOf("dispute.opened"),
        heard.toString());
    checks.equal(
        "the timeline has its opening, the evidence, the review and the win",
        4,
        tour.disputes().timeline(won.id()).size());
    tour.checkEnd(checks, tour.reload(paid), PaymentState.SUCCEEDED);
  }

  private static Dispute awaitDispute(TourContext tour, Payment paid, DisputeState state) {
    Dispute[] found = {null};
    tour.awaitTrue(
        "a dispute of " + paid.id() + " in " + state,
        () -> {
          List<Dispute> disputes = tour.disputes().ofPayment(paid.id());
          found[0] = disputes.isEmpty() ? null : disputes.get(disputes.size() - 1);
          return found[0] != null && found[0].state() == state;
        });
    return found[0];
  }

  private static String refundOutcome(
      TourContext tour, Payment paid, IdempotencyKey key, long minorUnits) {
    try {
      return tour.refund()
          .refund(new RefundCommand(key, paid.id(), Money.of(minorUnits, "EUR"), null))
          .getClass()
          .getSimpleName();
    } catch (RefundNotAllowedException e) {
      return e.code();
    }
  }

  private static List<String> heard(TourContext tour, Payment paid) {
    return tour.shop().heard(paid.id()).stream()
        .map(OutboxEvent::type)
        .map(t -> t.wireName())
        .toList();
  }

  private static Evidence evidence() {
    return new Evidence(
        "Two e-tickets were sent to the customer's address on file and scanned at the venue.",
        List.of(
            new EvidenceDocument(
                "documents[0]",
                "scan-log.txt",
                "ticket 1 scanned 19:02\nticket 2 scanned 19:03\n"
                    .getBytes(StandardCharsets.UTF_8))));
  }
}
