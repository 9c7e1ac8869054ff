package dev.paykit.sandbox;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payments and refunds of the sandbox and their lifecycle. Every change of a payment happens
 * under that payment's lock, and its webhook event is published under the same lock, so events of
 * one payment are published in the order the changes happened.
 */
final class PaymentBook {

  private static final Logger LOG = LoggerFactory.getLogger(PaymentBook.class);

  static final String PAYMENT_EVENT = "payment.status_changed";
  static final String REFUND_EVENT = "refund.status_changed";
  static final String DISPUTE_EVENT = "dispute.status_changed";

  /** How long after a dispute opens the merchant may send evidence. */
  static final Duration EVIDENCE_WINDOW = Duration.ofDays(7);

  private final ConcurrentHashMap<String, PaymentRecord> payments = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, RefundRecord> refunds = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, DisputeRecord> disputes = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, SandboxPaymentMethod> methods = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Deque<Requests.NextOutcome>> nextOutcomes =
      new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  private final Clock clock;
  private final Ledger ledger;
  private final WebhookDispatcher webhooks;
  private final Duration defaultExpiry;
  private final Duration refundSettlementDelay;
  private final Optional<Duration> autoSettle;
  private final ScheduledExecutorService scheduler;
  private final URI baseUri;

  PaymentBook(
      Clock clock,
      Ledger ledger,
      WebhookDispatcher webhooks,
      Duration defaultExpiry,
      Duration refundSettlementDelay,
      Optional<Duration> autoSettle,
      ScheduledExecutorService scheduler,
      URI baseUri) {
    this.clock = clock;
    this.ledger = ledger;
    this.webhooks = webhooks;
    this.defaultExpiry = defaultExpiry;
    this.refundSettlementDelay = refundSettlementDelay;
    this.autoSettle = autoSettle;
    this.scheduler = scheduler;
    this.baseUri = baseUri;
  }

  private static final class PaymentRecord {
    final long seq;
    final String transactionId;
    final Requests.CreatePayment request;
    final String idempotencyKey;
    final URI checkoutUrl;
    final Instant createdAt;
    final Instant expiresAt;
    final List<RefundRecord> refunds = new ArrayList<>();
    final List<DisputeRecord> disputes = new ArrayList<>();
    PaymentStatus status = PaymentStatus.STARTED;
    SandboxPayment.Failure failure;
    Instant updatedAt;
    SandboxPaymentMethod paymentMethod;

    PaymentRecord(
        long seq,
        String transactionId,
        Requests.CreatePayment request,
        String idempotencyKey,
        URI checkoutUrl,
        Instant createdAt,
        Instant expiresAt) {
      this.seq = seq;
      this.transactionId = transactionId;
      this.request = request;
      this.idempotencyKey = idempotencyKey;
      this.checkoutUrl = checkoutUrl;
      this.createdAt = createdAt;
      this.expiresAt = expiresAt;
      this.updatedAt = createdAt;
    }

    synchronized SandboxPayment snapshot() {
      return new SandboxPayment(
          transactionId,
          status,
          request.amount(),
          request.externalId(),
          request.description(),
          request.metadata(),
          request.successUrl(),
          request.cancelUrl(),
          checkoutUrl,
          failure,
          createdAt,
          updatedAt,
          expiresAt,
          idempotencyKey,
          request.customerId(),
          request.savePaymentMethod(),
          request.offSession(),
          paymentMethod);
    }
  }

  private static final class RefundRecord {
    final String refundId;
    final String transactionId;
    final SandboxAmount amount;
    final String reason;
    final Instant createdAt;
    final String idempotencyKey;
    RefundStatus status = RefundStatus.PENDING;

    RefundRecord(
        String refundId,
        String transactionId,
        SandboxAmount amount,
        String reason,
        Instant createdAt,
        String idempotencyKey) {
      this.refundId = refundId;
      this.transactionId = transactionId;
      this.amount = amount;
      this.reason = reason;
      this.createdAt = createdAt;
      this.idempotencyKey = idempotencyKey;
    }

    synchronized SandboxRefund snapshot() {
      return new SandboxRefund(
          refundId, transactionId, status, amount, reason, createdAt, idempotencyKey);
    }
  }

  /** Changed only under its payment's lock, so its events are published in order. */
  private static final class DisputeRecord {
    final String disputeId;
    final PaymentRecord payment;
    final SandboxAmount amount;
    final String reason;
    final Instant evidenceDueBy;
    final Instant createdAt;
    DisputeStatus status = DisputeStatus.NEEDS_RESPONSE;
    Instant updatedAt;

    DisputeRecord(
        String disputeId,
        PaymentRecord payment,
        SandboxAmount amount,
        String reason,
        Instant evidenceDueBy,
        Instant createdAt) {
      this.disputeId = disputeId;
      this.payment = payment;
      this.amount = amount;
      this.reason = reason;
      this.evidenceDueBy = evidenceDueBy;
      this.createdAt = createdAt;
      this.updatedAt = createdAt;
    }

    SandboxDispute snapshot() {
      return new SandboxDispute(
          disputeId,
          payment.transactionId,
          amount,
          reason,
          status,
          evidenceDueBy,
          createdAt,
          updatedAt);
    }
  }

  /** The current time as the API shows it: whole seconds, UTC. */
  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  SandboxPayment create(Requests.CreatePayment request, String idempotencyKey) {
    if (request.offSession()) {
      return chargeOffSession(request, idempotencyKey);
    }
    Instant now = now();
    String transactionId = Ids.transactionId();
    Duration expiry =
        request.expiresInSeconds() == null
            ? defaultExpiry
            : Duration.ofSeconds(request.expiresInSeconds());
    PaymentRecord record =
        new PaymentRecord(
            sequence.incrementAndGet(),
            transactionId,
            request,
            idempotencyKey,
            baseUri.resolve("/checkout/" + transactionId),
            now,
            now.plus(expiry).truncatedTo(ChronoUnit.SECONDS));
    payments.put(transactionId, record);
    ledger.paymentCreated(idempotencyKey, request.amount());
    LOG.debug("Payment {} created", transactionId);
    autoSettle.ifPresent(after -> schedule(() -> settleUntouched(record), after, transactionId));
    return record.snapshot();
  }

  /**
   * Charges a saved method at once: the payment is created and moved through {@code inprogress} to
   * its outcome under its lock, one webhook per step, before the answer is written.
   */
  private SandboxPayment chargeOffSession(Requests.CreatePayment request, String idempotencyKey) {
    SandboxPaymentMethod method = methods.get(request.paymentMethodId());
    if (method == null
        || (request.customerId() != null && !request.customerId().equals(method.customerId()))) {
      throw SandboxApiException.invalidRequest(
          "No saved payment method " + request.paymentMethodId() + " for this customer.",
          "paymentMethodId");
    }
    Instant now = now();
    Duration expiry =
        request.expiresInSeconds() == null
            ? defaultExpiry
            : Duration.ofSeconds(request.expiresInSeconds());
    PaymentRecord record =
        new PaymentRecord(
            sequence.incrementAndGet(),
            Ids.transactionId(),
            request,
            idempotencyKey,
            null,
            now,
            now.plus(expiry).truncatedTo(ChronoUnit.SECONDS));
    synchronized (record) {
      record.paymentMethod = method;
      payments.put(record.transactionId, record);
      ledger.paymentCreated(idempotencyKey, request.amount());
      String declineCode = offSessionDecline(method, request.amount());
      LOG.debug("Off-session payment {} created", record.transactionId);
      move(record, PaymentStatus.INPROGRESS, null);
      if (declineCode == null) {
        move(record, PaymentStatus.CONFIRMED, null);
      } else {
        move(record, PaymentStatus.CANCELLED, new SandboxPayment.Failure("declined", declineCode));
      }
      return record.snapshot();
    }
  }

  /**
   * The decline code of an off-session charge, or {@code null} to confirm it: a removed method is
   * always declined; else an outcome queued for the method; else the amount's last two digits (51
   * insufficient_funds, 52 expired_card, 53 do_not_honor, 54 authentication_required).
   */
  private String offSessionDecline(SandboxPaymentMethod method, SandboxAmount amount) {
    if (methods.get(method.id()).removed()) {
      return "payment_method_removed";
    }
    Deque<Requests.NextOutcome> queued = nextOutcomes.get(method.id());
    if (queued != null) {
      Requests.NextOutcome next;
      synchronized (queued) {
        next = queued.pollFirst();
      }
      if (next != null) {
        return next.confirmed() ? null : next.declineCode();
      }
    }
    return switch ((int) (amount.value() % 100)) {
      case 51 -> "insufficient_funds";
      case 52 -> "expired_card";
      case 53 -> "do_not_honor";
      case 54 -> "authentication_required";
      default -> null;
    };
  }

  /** Queues the outcome of the next {@code times} off-session charges on a method. */
  void queueNextOutcome(String paymentMethodId, Requests.NextOutcome outcome) {
    if (paymentMethodId == null || !methods.containsKey(paymentMethodId)) {
      throw SandboxApiException.notFound("No payment method " + paymentMethodId + ".");
    }
    Deque<Requests.NextOutcome> queued =
        nextOutcomes.computeIfAbsent(paymentMethodId, id -> new ArrayDeque<>());
    synchronized (queued) {
      for (int i = 0; i < outcome.times(); i++) {
        queued.addLast(outcome);
      }
    }
  }

  /** The customer's methods that were not removed, oldest first. */
  List<SandboxPaymentMethod> paymentMethods(String customerId) {
    return methods.values().stream()
        .filter(m -> m.customerId().equals(customerId) && !m.removed())
        .sorted(Comparator.comparing(SandboxPaymentMethod::id))
        .toList();
  }

  /** Removes a method as its customer would; removing it again changes nothing. */
  void removePaymentMethod(String paymentMethodId) {
    SandboxPaymentMethod removed =
        paymentMethodId == null
            ? null
            : methods.computeIfPresent(paymentMethodId, (id, m) -> m.asRemoved());
    if (removed == null) {
      throw SandboxApiException.notFound("No payment method " + paymentMethodId + ".");
    }
    LOG.debug("Payment method {} removed", paymentMethodId);
  }

  /**
   * Confirms a payment that is still {@code started}, as a provider that settles on its own does;
   * one that the customer moved, or that expired, stays as it is.
   */
  private void settleUntouched(PaymentRecord record) {
    synchronized (record) {
      expireIfDue(record);
      if (record.status != PaymentStatus.STARTED) {
        return;
      }
      LOG.debug("Payment {} settles on its own", record.transactionId);
      move(record, PaymentStatus.INPROGRESS, null);
      move(record, PaymentStatus.CONFIRMED, null);
    }
  }

  private void schedule(Runnable task, Duration after, String what) {
    try {
      scheduler.schedule(task, after.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("Sandbox stopping; {} stays as it is", what);
    }
  }

  /** The payment, expired first if its time has passed. */
  Optional<SandboxPayment> find(String transactionId) {
    PaymentRecord record = transactionId == null ? null : payments.get(transactionId);
    if (record == null) {
      return Optional.empty();
    }
    synchronized (record) {
      expireIfDue(record);
      return Optional.of(record.snapshot());
    }
  }

  SandboxPayment get(String transactionId) {
    return find(transactionId)
        .orElseThrow(() -> SandboxApiException.notFound("No payment " + transactionId + "."));
  }

  record Page(List<SandboxPayment> data, Long nextBefore) {}

  /** Newest first; {@code before} is the sequence number to start below, or {@code null}. */
  Page list(String externalId, int limit, Long before) {
    List<PaymentRecord> matching = new ArrayList<>();
    for (PaymentRecord record : payments.values()) {
      if ((externalId == null || externalId.equals(record.request.externalId()))
          && (before == null || record.seq < before)) {
        matching.add(record);
      }
    }
    matching.sort(Comparator.comparingLong((PaymentRecord r) -> r.seq).reversed());
    List<SandboxPayment> data = new ArrayList<>();
    for (PaymentRecord record : matching.subList(0, Math.min(limit, matching.size()))) {
      synchronized (record) {
        expireIfDue(record);
        data.add(record.snapshot());
      }
    }
    Long next = matching.size() > limit ? matching.get(limit - 1).seq : null;
    return new Page(data, next);
  }

  List<SandboxPayment> all() {
    List<PaymentRecord> records = new ArrayList<>(payments.values());
    records.sort(Comparator.comparingLong((PaymentRecord r) -> r.seq));
    List<SandboxPayment> result = new ArrayList<>();
    records.forEach(r -> result.add(r.snapshot()));
    return result;
  }

  /** Moves the payment through {@code inprogress} to the outcome, publishing each step. */
  SandboxPayment complete(String transactionId, SimulatedOutcome outcome, String declineCode) {
    String code = Requests.declineCodeFor(outcome, declineCode);
    PaymentRecord record = payments.get(transactionId);
    if (record == null) {
      throw SandboxApiException.notFound("No payment " + transactionId + ".");
    }
    synchronized (record) {
      expireIfDue(record);
      if (record.status.isTerminal()) {
        throw SandboxApiException.conflict(
            "invalid_state",
            "Payment " + transactionId + " is already " + record.status.wireName() + ".");
      }
      if (outcome == SimulatedOutcome.INPROGRESS) {
        if (record.status != PaymentStatus.STARTED) {
          throw SandboxApiException.conflict(
              "invalid_state", "Payment " + transactionId + " is already inprogress.");
        }
        move(record, PaymentStatus.INPROGRESS, null);
        return record.snapshot();
      }
      if (record.status == PaymentStatus.STARTED) {
        move(record, PaymentStatus.INPROGRESS, null);
      }
      switch (outcome) {
        case CONFIRMED:
          move(record, PaymentStatus.CONFIRMED, null);
          break;
        case DECLINED:
          move(record, PaymentStatus.CANCELLED, new SandboxPayment.Failure("declined", code));
          break;
        case CANCELLED:
          move(
              record,
              PaymentStatus.CANCELLED,
              new SandboxPayment.Failure("customer_cancelled", null));
          break;
        case FRAUD_SUSPECTED:
          move(
              record, PaymentStatus.CANCELLED, new SandboxPayment.Failure("fraud_suspected", null));
          break;
        case EXPIRED:
          move(record, PaymentStatus.EXPIRED, null);
          break;
        default:
          throw new IllegalStateException("unknown outcome " + outcome);
      }
      return record.snapshot();
    }
  }

  SandboxRefund refund(String transactionId, Requests.CreateRefund request, String key) {
    PaymentRecord payment = payments.get(transactionId);
    if (payment == null) {
      throw SandboxApiException.notFound("No payment " + transactionId + ".");
    }
    RefundRecord refund;
    synchronized (payment) {
      expireIfDue(payment);
      if (payment.status != PaymentStatus.CONFIRMED) {
        throw SandboxApiException.badRequest(
            "payment_not_refundable",
            "Only a confirmed payment can be refunded; this one is "
                + payment.status.wireName()
                + ".",
            null);
      }
      SandboxAmount paid = payment.request.amount();
      if (!paid.currency().equals(request.amount().currency())) {
        throw SandboxApiException.badRequest(
            "invalid_currency",
            "The refund's currency must be the payment's, " + paid.currency() + ".",
            "amount.currency");
      }
      long held = held(payment);
      if (request.amount().value() > held) {
        throw SandboxApiException.badRequest(
            "refund_exceeds_payment",
            "At most " + held + " minor units can still be refunded.",
            "amount.value");
      }
      refund =
          new RefundRecord(
              Ids.refundId(), transactionId, request.amount(), request.reason(), now(), key);
      payment.refunds.add(refund);
      refunds.put(refund.refundId, refund);
      ledger.refundCreated(key, request.amount());
    }
    LOG.debug("Refund {} of payment {} created", refund.refundId, transactionId);
    RefundRecord toSettle = refund;
    schedule(() -> settle(toSettle), refundSettlementDelay, "refund " + refund.refundId);
    return refund.snapshot();
  }

  /**
   * What the merchant still holds of a payment (its lock held): the amount, less its refunds that
   * have not failed and its disputes that were not won, which count as already returned.
   */
  private static long held(PaymentRecord payment) {
    long held = payment.request.amount().value();
    for (RefundRecord refund : payment.refunds) {
      if (refund.status != RefundStatus.FAILED) {
        held -= refund.amount.value();
      }
    }
    for (DisputeRecord dispute : payment.disputes) {
      if (dispute.status != DisputeStatus.WON) {
        held -= dispute.amount.value();
      }
    }
    return Math.max(0, held);
  }

  /** Opens a dispute of a confirmed payment and publishes its first event. */
  SandboxDispute openDispute(String transactionId, Requests.OpenDispute request) {
    PaymentRecord payment = payments.get(transactionId);
    if (payment == null) {
      throw SandboxApiException.notFound("No payment " + transactionId + ".");
    }
    synchronized (payment) {
      expireIfDue(payment);
      if (payment.status != PaymentStatus.CONFIRMED) {
        throw SandboxApiException.badRequest(
            "payment_not_disputable",
            "Only a confirmed payment can be disputed; this one is "
                + payment.status.wireName()
                + ".",
            null);
      }
      SandboxAmount paid = payment.request.amount();
      long held = held(payment);
      SandboxAmount amount =
          request.amount() == null ? new SandboxAmount(held, paid.currency()) : request.amount();
      if (!amount.currency().equals(paid.currency())) {
        throw SandboxApiException.badRequest(
            "invalid_currency",
            "The dispute's currency must be the payment's, " + paid.currency() + ".",
            "amount.currency");
      }
      if (amount.value() < 1 || amount.value() > held) {
        throw SandboxApiException.badRequest(
            "invalid_amount",
            "A dispute is of 1 to " + held + " minor units of this payment.",
            "amount.value");
      }
      Instant now = now();
      DisputeRecord dispute =
          new DisputeRecord(
              Ids.disputeId(), payment, amount, request.reason(), now.plus(EVIDENCE_WINDOW), now);
      payment.disputes.add(dispute);
      disputes.put(dispute.disputeId, dispute);
      LOG.debug("Dispute {} of payment {} opened", dispute.disputeId, transactionId);
      publish(dispute);
      return dispute.snapshot();
    }
  }

  /** Accepts evidence for a dispute that needs it, before its deadline. */
  SandboxDispute submitEvidence(String disputeId, Requests.Evidence evidence) {
    DisputeRecord dispute = dispute(disputeId);
    synchronized (dispute.payment) {
      if (!now().isBefore(dispute.evidenceDueBy.plusSeconds(1))) {
        throw SandboxApiException.badRequest(
            "evidence_deadline_passed",
            "Evidence was due by " + Json.time(dispute.evidenceDueBy) + ".",
            null);
      }
      if (dispute.status != DisputeStatus.NEEDS_RESPONSE) {
        throw SandboxApiException.badRequest(
            "dispute_not_accepting_evidence",
            "The dispute is " + dispute.status.wireName() + "; it takes no more evidence.",
            null);
      }
      LOG.debug(
          "Dispute {} received evidence: {} documents, {} bytes",
          disputeId,
          evidence.documents(),
          evidence.bytes());
      moveDispute(dispute, DisputeStatus.UNDER_REVIEW);
      return dispute.snapshot();
    }
  }

  /** Closes a dispute that is still open as won or lost. */
  SandboxDispute resolveDispute(String disputeId, DisputeStatus outcome) {
    DisputeRecord dispute = dispute(disputeId);
    synchronized (dispute.payment) {
      if (dispute.status.isTerminal()) {
        throw SandboxApiException.conflict(
            "invalid_state",
            "Dispute " + disputeId + " is already " + dispute.status.wireName() + ".");
      }
      moveDispute(dispute, outcome);
      return dispute.snapshot();
    }
  }

  SandboxDispute getDispute(String disputeId) {
    DisputeRecord dispute = dispute(disputeId);
    synchronized (dispute.payment) {
      return dispute.snapshot();
    }
  }

  private DisputeRecord dispute(String disputeId) {
    DisputeRecord dispute = disputeId == null ? null : disputes.get(disputeId);
    if (dispute == null) {
      throw SandboxApiException.notFound("No dispute " + disputeId + ".");
    }
    return dispute;
  }

  private void moveDispute(DisputeRecord dispute, DisputeStatus next) {
    dispute.status = next;
    dispute.updatedAt = now();
    LOG.debug("Dispute {} is now {}", dispute.disputeId, next.wireName());
    publish(dispute);
  }

  private void publish(DisputeRecord dispute) {
    webhooks.publish(
        DISPUTE_EVENT, dispute.payment.transactionId, Json.dispute(dispute.snapshot()));
  }

  private void settle(RefundRecord refund) {
    synchronized (refund) {
      if (refund.status != RefundStatus.PENDING) {
        return;
      }
      refund.status = RefundStatus.SUCCEEDED;
      LOG.debug("Refund {} succeeded", refund.refundId);
      webhooks.publish(REFUND_EVENT, refund.transactionId, Json.refund(refund.snapshot()));
    }
  }

  /** The refunds and disputes of a payment, oldest first; empty lists for an unknown payment. */
  List<SandboxRefund> refundsOf(String transactionId) {
    PaymentRecord record = transactionId == null ? null : payments.get(transactionId);
    if (record == null) {
      return List.of();
    }
    synchronized (record) {
      return record.refunds.stream().map(RefundRecord::snapshot).toList();
    }
  }

  List<SandboxDispute> disputesOf(String transactionId) {
    PaymentRecord record = transactionId == null ? null : payments.get(transactionId);
    if (record == null) {
      return List.of();
    }
    synchronized (record) {
      return record.disputes.stream().map(DisputeRecord::snapshot).toList();
    }
  }

  Optional<SandboxRefund> findRefund(String refundId) {
    RefundRecord refund = refundId == null ? null : refunds.get(refundId);
    return refund == null ? Optional.empty() : Optional.of(refund.snapshot());
  }

  /** Expires every payment whose time has passed. */
  void sweepExpired() {
    for (PaymentRecord record : payments.values()) {
      synchronized (record) {
        expireIfDue(record);
      }
    }
  }

  private void expireIfDue(PaymentRecord record) {
    if (!record.status.isTerminal() && !clock.instant().isBefore(record.expiresAt)) {
      move(record, PaymentStatus.EXPIRED, null);
    }
  }

  /** A new method for the customer: the sandbox's test card, valid for three more years. */
  private SandboxPaymentMethod saveMethod(String customerId) {
    YearMonth expires = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC)).plusYears(3);
    SandboxPaymentMethod method =
        new SandboxPaymentMethod(Ids.paymentMethodId(), customerId, "visa", "4242", expires, false);
    methods.put(method.id(), method);
    LOG.debug("Payment method {} saved", method.id());
    return method;
  }

  /** Changes the status (the caller holds the record's lock) and publishes the event. */
  private void move(PaymentRecord record, PaymentStatus next, SandboxPayment.Failure failure) {
    if (!record.status.canMoveTo(next)) {
      throw new IllegalStateException(record.status + " cannot move to " + next);
    }
    record.status = next;
    record.failure = failure;
    record.updatedAt = now();
    if (next == PaymentStatus.CONFIRMED) {
      ledger.paymentConfirmed(record.request.amount());
      if (record.request.savePaymentMethod() && record.paymentMethod == null) {
        record.paymentMethod = saveMethod(record.request.customerId());
      }
    }
    LOG.debug("Payment {} is now {}", record.transactionId, next.wireName());
    webhooks.publish(PAYMENT_EVENT, record.transactionId, Json.payment(record.snapshot()));
  }
}
