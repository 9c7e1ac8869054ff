package dev.paykit.service;

import dev.paykit.domain.dispute.Dispute;
import dev.paykit.domain.idempotency.RequestFingerprint;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.refund.Refund;
import dev.paykit.domain.refund.RefundDecision;
import dev.paykit.domain.refund.RefundId;
import dev.paykit.domain.refund.RefundPolicy;
import dev.paykit.port.in.PaymentNotFoundException;
import dev.paykit.port.in.RefundCommand;
import dev.paykit.port.in.RefundNotAllowedException;
import dev.paykit.port.in.RefundPayment;
import dev.paykit.port.in.RefundResult;
import dev.paykit.port.out.DisputeStore;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.RefundStore;
import dev.paykit.port.out.Stores;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Refunds idempotently, never more than was paid and is not held by a dispute: the refund policy
 * decides, and the store's atomic {@code insertWithin} holds the line against concurrent refunds
 * with different keys. The key's reservation, the policy's check and the refund's record are one
 * phase: a refund that is not allowed leaves its key free.
 */
public final class RefundService implements RefundPayment {
  private final PaymentStore payments;
  private final RefundStore refunds;
  private final DisputeStore disputes;
  private final KeyedRequests requests;
  private final RefundSubmitter submitter;
  private final Clock clock;

  @Inject
  RefundService(Stores stores, KeyedRequests requests, RefundSubmitter submitter, Clock clock) {
    this.payments = stores.payments();
    this.refunds = stores.refunds();
    this.disputes = stores.disputes();
    this.requests = requests;
    this.submitter = submitter;
    this.clock = clock;
  }

  @Override
  public RefundResult refund(RefundCommand command) {
    Payment payment =
        payments
            .findById(command.paymentId())
            .orElseThrow(() -> new PaymentNotFoundException(command.paymentId().value()));
    RequestFingerprint fingerprint =
        RequestFingerprint.of(
            Map.of(
                "paymentId", command.paymentId().value(),
                "amount.value", Long.toString(command.amount().minorUnits()),
                "amount.currency", command.amount().currencyCode(),
                "reason", command.reason()));
    Refund refund =
        Refund.request(
            RefundId.random(),
            payment.id(),
            command.key(),
            command.amount(),
            command.reason(),
            clock.instant());
    KeyedRequests.Start start =
        requests.begin(
            KeyedRequest.createRefund(command.key(), fingerprint),
            refund.id().value(),
            () -> record(refund, payment));
    if (start instanceof KeyedRequests.Start.Fresh) {
      return submitter.submit(refund, payment);
    }
    if (start instanceof KeyedRequests.Start.Replay replay) {
      return new RefundResult.Replayed(stored(replay.ref()));
    }
    return submitter.submit(stored(((KeyedRequests.Start.Resume) start).ref()), payment);
  }

  /**
   * The refund's first write, if the policy allows it; throws, undoing the phase, if not. The
   * payment's disputes count: what an open or lost dispute holds cannot be refunded as well, and is
   * refused here, before anything is sent.
   */
  private void record(Refund refund, Payment payment) {
    List<Dispute> held = disputes.findByPaymentId(payment.id());
    RefundDecision decision =
        RefundPolicy.decide(payment, refunds.findByPaymentId(payment.id()), held, refund.amount());
    if (!(decision instanceof RefundDecision.Allowed)) {
      throw new RefundNotAllowedException(decision);
    }
    if (!refunds.insertWithin(refund, RefundPolicy.ceiling(payment, held))) {
      throw new RefundNotAllowedException(
          new RefundDecision.ExceedsPayment(
              refund.amount(),
              RefundPolicy.refundable(payment, refunds.findByPaymentId(payment.id()), held)));
    }
  }

  private Refund stored(String ref) {
    Optional<Refund> stored = refunds.findById(new RefundId(ref));
    return stored.orElseThrow(
        () ->
            new IllegalStateException(
                "idempotency key stands for refund " + ref + ", which is not stored"));
  }
}
