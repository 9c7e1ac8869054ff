package dev.paykit.service;

import dev.paykit.domain.dispute.Dispute;
import dev.paykit.domain.dispute.DisputeReport;
import dev.paykit.domain.dispute.DisputeState;
import dev.paykit.domain.dispute.DisputeStep;
import dev.paykit.domain.dispute.ProviderDispute;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.ProviderReport;
import dev.paykit.domain.payment.TransitionResult;
import dev.paykit.domain.refund.ProviderRefund;
import dev.paykit.domain.refund.Refund;
import dev.paykit.domain.refund.RefundState;
import dev.paykit.port.in.CreatePaymentResult;
import dev.paykit.port.in.Reconcile;
import dev.paykit.port.in.ReconciliationReport;
import dev.paykit.port.in.ReconciliationReport.Action;
import dev.paykit.port.in.RefundResult;
import dev.paykit.port.out.DisputeStore;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.ProviderPaymentPage;
import dev.paykit.port.out.ProviderResult;
import dev.paykit.port.out.RefundStore;
import dev.paykit.port.out.Stores;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds payments and refunds that waited too long for news and asks the provider. A payment without
 * a transaction id (queued, or its create response lost) is sent again with its own idempotency key
 * while the provider still remembers the key, and looked up by its order's {@code externalId} after
 * that; every other payment is looked up by its transaction id. Refunds go the same way: one the
 * provider never confirmed is sent again with its key while the key is remembered, and left to a
 * person after that (the provider has no search for refunds); a pending one is looked up by its id.
 * Open disputes without news for a while are looked up by their id. How long a key is remembered is
 * what the gateway declares ({@link dev.paykit.port.out.ProviderFacts#idempotencyKeyMemory()}).
 *
 * <p>A payment's look-up is noted in the store ({@link PaymentStore#recordLookUp}), and a look-up
 * whose answer changes nothing (the provider still says what is stored) adds no history entry: an
 * unpaid checkout is asked about once per threshold, not on every pass, and its audit trail does
 * not grow while nothing happens.
 */
public final class ReconcileService implements Reconcile {
  private final PaymentStore payments;
  private final RefundStore refunds;
  private final DisputeStore disputes;
  private final ProviderChoice providers;
  private final OptimisticWriter writer;
  private final PaymentSubmitter submitter;
  private final RefundSubmitter refundSubmitter;
  private final PaykitObserver observer;
  private final PaykitSettings settings;
  private final Clock clock;

  @Inject
  ReconcileService(
      Stores stores,
      ProviderChoice providers,
      OptimisticWriter writer,
      PaymentSubmitter submitter,
      RefundSubmitter refundSubmitter,
      PaykitObserver observer,
      PaykitSettings settings,
      Clock clock) {
    this.payments = stores.payments();
    this.refunds = stores.refunds();
    this.disputes = stores.disputes();
    this.providers = providers;
    this.writer = writer;
    this.submitter = submitter;
    this.refundSubmitter = refundSubmitter;
    this.observer = observer;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public ReconciliationReport reconcile() {
    Instant now = clock.instant();
    Map<String, Payment> due = new LinkedHashMap<>();
    payments
        .findStale(
            EnumSet.of(PaymentState.CREATED, PaymentState.SUBMITTED),
            now.minus(settings.resubmitAfter()),
            settings.reconcileBatch())
        .forEach(p -> due.put(p.id().value(), p));
    payments
        .findStale(
            EnumSet.of(PaymentState.STARTED, PaymentState.IN_PROGRESS),
            now.minus(settings.reconcileAfter()),
            settings.reconcileBatch())
        .forEach(p -> due.put(p.id().value(), p));
    List<ReconciliationReport.Item> items = new ArrayList<>();
    for (Payment payment : due.values()) {
      items.add(reconcile(payment, now));
    }
    ReconciliationReport report =
        new ReconciliationReport(items, reconcileRefunds(now), reconcileDisputes(now));
    observer.on(
        new PaykitEvent.ReconciliationFinished(
            clock.instant(), report.examined(), report.changed(), report.unresolved()));
    return report;
  }

  private List<ReconciliationReport.RefundItem> reconcileRefunds(Instant now) {
    Map<String, Refund> due = new LinkedHashMap<>();
    refunds
        .findStale(
            EnumSet.of(RefundState.REQUESTED),
            now.minus(settings.resubmitAfter()),
            settings.reconcileBatch())
        .forEach(r -> due.put(r.id().value(), r));
    refunds
        .findStale(
            EnumSet.of(RefundState.PENDING),
            now.minus(settings.reconcileAfter()),
            settings.reconcileBatch())
        .forEach(r -> due.put(r.id().value(), r));
    List<ReconciliationReport.RefundItem> items = new ArrayList<>();
    for (Refund refund : due.values()) {
      items.add(reconcile(refund, now));
    }
    return items;
  }

  private ReconciliationReport.RefundItem reconcile(Refund refund, Instant now) {
    if (refund.providerRefundId() != null) {
      ProviderResult<ProviderRefund> answer =
          providers.gatewayOf(refund.paymentId()).getRefund(refund.providerRefundId());
      if (answer instanceof ProviderResult.Success<ProviderRefund> success) {
        Refund after =
            writer
                .refund(
                    () -> Optional.of(refund),
                    current -> Optional.of(current.apply(success.value(), clock.instant())),
                    (current, next) -> {})
                .map(w -> w.step().map(Refund.Update::refund).orElse(w.before()))
                .orElse(refund);
        return item(refund, after, Action.LOOKED_UP, null);
      }
      return item(refund, refund, Action.UNRESOLVED, answer.getClass().getSimpleName());
    }
    Payment payment =
        payments
            .findById(refund.paymentId())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "refund "
                            + refund.id()
                            + " is of payment "
                            + refund.paymentId()
                            + ", which is not stored"));
    if (!refund
        .createdAt()
        .plus(providers.gatewayOf(payment).facts().idempotencyKeyMemory())
        .isAfter(now)) {
      // Sending it again now could refund a second time: the provider would not know the key.
      return item(
          refund,
          refund,
          Action.UNRESOLVED,
          "the provider no longer remembers its idempotency key; check the refund by hand");
    }
    RefundResult result = refundSubmitter.submit(refund, payment);
    Action action = result instanceof RefundResult.Pending ? Action.UNRESOLVED : Action.RESUBMITTED;
    return item(refund, result.refund(), action, result.getClass().getSimpleName());
  }

  /**
   * Open disputes that have had no news for {@link PaykitSettings.DisputeTiming#lookUpAfter()} are
   * looked up; an answer that teaches nothing new is noted as news without a timeline entry, so a
   * quiet dispute is asked about once per threshold and its timeline does not grow.
   */
  private List<ReconciliationReport.DisputeItem> reconcileDisputes(Instant now) {
    List<ReconciliationReport.DisputeItem> items = new ArrayList<>();
    for (Dispute dispute :
        disputes.findStale(
            EnumSet.of(DisputeState.NEEDS_RESPONSE, DisputeState.UNDER_REVIEW),
            now.minus(settings.disputes().lookUpAfter()),
            settings.reconcileBatch())) {
      ProviderResult<ProviderDispute> answer =
          providers.gatewayOf(dispute.paymentId()).getDispute(dispute.id());
      if (!(answer instanceof ProviderResult.Success<ProviderDispute> success)) {
        items.add(
            new ReconciliationReport.DisputeItem(
                dispute.id(),
                dispute.state(),
                dispute.state(),
                Action.UNRESOLVED,
                answer.getClass().getSimpleName()));
        continue;
      }
      DisputeReport report = DisputeReport.fromLookup(success.value(), success.requestId());
      Dispute after =
          writer
              .dispute(
                  () -> Optional.of(dispute),
                  current -> unlessNothingNew(current.apply(report, clock.instant())),
                  (current, next) -> disputes.recordLookUp(current.id(), clock.instant()))
              .map(w -> w.step().map(DisputeStep::dispute).orElse(w.before()))
              .orElse(dispute);
      items.add(
          new ReconciliationReport.DisputeItem(
              dispute.id(), dispute.state(), after.state(), Action.LOOKED_UP, null));
    }
    return items;
  }

  private static Optional<DisputeStep> unlessNothingNew(DisputeStep step) {
    boolean repeats =
        switch (step.outcome()) {
          case DUPLICATE, STALE -> true;
          case APPLIED, ANOMALY, REJECTED -> false;
        };
    return repeats ? Optional.empty() : Optional.of(step);
  }

  private static ReconciliationReport.RefundItem item(
      Refund before, Refund after, Action action, String detail) {
    return new ReconciliationReport.RefundItem(
        before.id(), before.state(), after.state(), action, detail);
  }

  private ReconciliationReport.Item reconcile(Payment payment, Instant now) {
    if (!payment.awaitsProvider()) {
      return lookUp(payment);
    }
    if (payment
        .createdAt()
        .plus(providers.gatewayOf(payment).facts().idempotencyKeyMemory())
        .isAfter(now)) {
      CreatePaymentResult result = submitter.submit(payment);
      Action action =
          result instanceof CreatePaymentResult.Queued
                  || result instanceof CreatePaymentResult.Pending
              ? Action.UNRESOLVED
              : Action.RESUBMITTED;
      return item(payment, result.payment(), action, result.getClass().getSimpleName());
    }
    return findByExternalId(payment);
  }

  private ReconciliationReport.Item lookUp(Payment payment) {
    ProviderResult<ProviderPayment> answer =
        providers.gatewayOf(payment).getPayment(payment.transactionId());
    if (answer instanceof ProviderResult.Success<ProviderPayment> success) {
      ProviderReport report = ProviderReport.fromLookup(success.value(), success.requestId());
      Payment after =
          writer
              .payment(
                  () -> Optional.of(payment),
                  current -> unlessNothingNew(current, current.apply(report, clock.instant())),
                  (current, next) -> payments.recordLookUp(current.id(), clock.instant()))
              .map(w -> w.step().map(TransitionResult::payment).orElse(w.before()))
              .orElse(payment);
      return item(payment, after, Action.LOOKED_UP, null);
    }
    return item(payment, payment, Action.UNRESOLVED, answer.getClass().getSimpleName());
  }

  /**
   * {@code result}, or empty when it would only record again what is stored: the provider repeats
   * the current state (or one before it) and teaches nothing else. A look-up is the reconciler's
   * own question, asked on a timer; only what its answer teaches belongs in the trail.
   */
  private static Optional<TransitionResult> unlessNothingNew(
      Payment current, TransitionResult result) {
    boolean repeats =
        switch (result.outcome()) {
          case DUPLICATE, STALE -> true;
          case APPLIED, ANOMALY, REJECTED -> false;
        };
    Payment after = result.payment();
    boolean same =
        after.state() == current.state()
            && Objects.equals(after.failure(), current.failure())
            && Objects.equals(after.transactionId(), current.transactionId())
            && Objects.equals(after.checkoutUrl(), current.checkoutUrl());
    return repeats && same ? Optional.empty() : Optional.of(result);
  }

  /**
   * The provider forgot the key: the payment can only be recognised by its order, amount and time.
   * Exactly one match is applied; none or several stay for a person to decide.
   */
  private ReconciliationReport.Item findByExternalId(Payment payment) {
    ProviderResult<ProviderPaymentPage> answer =
        providers.gatewayOf(payment).findPayments(payment.externalId(), null, 100);
    if (!(answer instanceof ProviderResult.Success<ProviderPaymentPage> success)) {
      return item(payment, payment, Action.UNRESOLVED, answer.getClass().getSimpleName());
    }
    List<ProviderPayment> matches =
        success.value().data().stream()
            .filter(p -> p.amount().equals(payment.request().amount()))
            .filter(
                p ->
                    p.createdAt() == null
                        || !p.createdAt().isBefore(payment.createdAt().minusSeconds(60)))
            .filter(
                p -> payments.findByTransactionId(payment.provider(), p.transactionId()).isEmpty())
            .toList();
    if (matches.size() != 1) {
      payments.recordLookUp(payment.id(), clock.instant());
      return item(payment, payment, Action.UNRESOLVED, matches.size() + " provider payments match");
    }
    ProviderReport report = ProviderReport.fromLookup(matches.get(0), success.requestId());
    Payment after =
        writer
            .payment(
                () -> Optional.of(payment),
                current -> Optional.of(current.apply(report, clock.instant())),
                (current, next) -> payments.recordLookUp(current.id(), clock.instant()))
            .map(w -> w.step().map(TransitionResult::payment).orElse(w.before()))
            .orElse(payment);
    return item(payment, after, Action.FOUND_BY_EXTERNAL_ID, null);
  }

  private static ReconciliationReport.Item item(
      Payment before, Payment after, Action action, String detail) {
    return new ReconciliationReport.Item(
        before.id(), before.state(), after.state(), action, detail);
  }
}
