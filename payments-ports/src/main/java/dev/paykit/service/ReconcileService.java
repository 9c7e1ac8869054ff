package dev.paykit.service;

import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.ProviderReport;
import dev.paykit.port.in.CreatePaymentResult;
import dev.paykit.port.in.Reconcile;
import dev.paykit.port.in.ReconciliationReport;
import dev.paykit.port.in.ReconciliationReport.Action;
import dev.paykit.port.out.IdempotencyStore;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.ProviderPaymentPage;
import dev.paykit.port.out.ProviderResult;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds payments that waited too long for news and asks the provider. A payment without a
 * transaction id (queued, or its create response lost) is sent again with its own idempotency key
 * while the provider still remembers the key, and looked up by its order's {@code externalId} after
 * that; every other payment is looked up by its transaction id.
 */
public final class ReconcileService implements Reconcile {
  /** How long the reference provider remembers an idempotency key. */
  static final Duration PROVIDER_KEY_MEMORY = Duration.ofHours(23);

  private final PaymentStore payments;
  private final ProviderGateway gateway;
  private final PaymentUpdater updater;
  private final PaymentSubmitter submitter;
  private final PaykitObserver observer;
  private final PaykitSettings settings;
  private final Clock clock;

  @Inject
  public ReconcileService(
      PaymentStore payments,
      IdempotencyStore keys,
      ProviderGateway gateway,
      PaykitObserver observer,
      PaykitSettings settings,
      Clock clock) {
    this.payments = payments;
    this.gateway = gateway;
    this.updater = new PaymentUpdater(payments, observer, clock);
    this.submitter = new PaymentSubmitter(gateway, keys, updater, observer, clock);
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
    ReconciliationReport report = new ReconciliationReport(items);
    observer.on(
        new PaykitEvent.ReconciliationFinished(
            clock.instant(), items.size(), report.changed(), report.unresolved()));
    return report;
  }

  private ReconciliationReport.Item reconcile(Payment payment, Instant now) {
    if (payment.transactionId() != null) {
      return lookUp(payment);
    }
    if (payment.createdAt().plus(PROVIDER_KEY_MEMORY).isAfter(now)) {
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
    ProviderResult<ProviderPayment> answer = gateway.getPayment(payment.transactionId());
    if (answer instanceof ProviderResult.Success<ProviderPayment> success) {
      Payment after =
          updater
              .apply(payment.id(), ProviderReport.fromLookup(success.value(), success.requestId()))
              .payment();
      return item(payment, after, Action.LOOKED_UP, null);
    }
    return item(payment, payment, Action.UNRESOLVED, answer.getClass().getSimpleName());
  }

  /**
   * The provider forgot the key: the payment can only be recognised by its order, amount and time.
   * Exactly one match is applied; none or several stay for a person to decide.
   */
  private ReconciliationReport.Item findByExternalId(Payment payment) {
    ProviderResult<ProviderPaymentPage> answer =
        gateway.findPayments(payment.externalId(), null, 100);
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
            .filter(p -> payments.findByTransactionId(p.transactionId()).isEmpty())
            .toList();
    if (matches.size() != 1) {
      return item(payment, payment, Action.UNRESOLVED, matches.size() + " provider payments match");
    }
    Payment after =
        updater
            .apply(payment.id(), ProviderReport.fromLookup(matches.get(0), success.requestId()))
            .payment();
    return item(payment, after, Action.FOUND_BY_EXTERNAL_ID, null);
  }

  private static ReconciliationReport.Item item(
      Payment before, Payment after, Action action, String detail) {
    return new ReconciliationReport.Item(
        before.id(), before.state(), after.state(), action, detail);
  }
}
