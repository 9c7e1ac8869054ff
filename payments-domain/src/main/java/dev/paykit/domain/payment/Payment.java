package dev.paykit.domain.payment;

import dev.paykit.domain.idempotency.IdempotencyKey;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The payment aggregate, immutable: every step returns a new snapshot with one more history entry
 * and a version one higher, which stores use for optimistic locking. Expected situations (a
 * duplicate, stale or contradicting report) are results, not exceptions.
 */
public record Payment(
    PaymentId id,
    IdempotencyKey idempotencyKey,
    PaymentRequest request,
    PaymentState state,
    Failure failure,
    TransactionId transactionId,
    URI checkoutUrl,
    Instant createdAt,
    Instant updatedAt,
    long version,
    List<HistoryEntry> history) {

  public Payment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    history = List.copyOf(history);
  }

  /** A new payment in {@code CREATED}, version 0, its history starting with its creation. */
  public static Payment create(
      PaymentId id, IdempotencyKey key, PaymentRequest request, Instant now) {
    HistoryEntry created =
        new HistoryEntry(
            0,
            null,
            PaymentState.CREATED,
            Outcome.APPLIED,
            TransitionSource.LOCAL,
            now,
            null,
            null,
            null);
    return new Payment(
        id, key, request, PaymentState.CREATED, null, null, null, now, now, 0, List.of(created));
  }

  public ExternalId externalId() {
    return request.externalId();
  }

  public Optional<TransactionId> providerTransactionId() {
    return Optional.ofNullable(transactionId);
  }

  public Optional<Failure> failureInfo() {
    return Optional.ofNullable(failure);
  }

  public Optional<URI> checkout() {
    return Optional.ofNullable(checkoutUrl);
  }

  /**
   * Whether the provider event is in the history already. Webhooks are processed at least once (a
   * worker can apply an event and die before marking it done); this is how the second processing
   * knows to leave the payment alone.
   */
  public boolean hasRecorded(String providerEventId) {
    for (HistoryEntry entry : history) {
      if (providerEventId.equals(entry.eventId())) {
        return true;
      }
    }
    return false;
  }

  /** The create call went out and its outcome is unknown (timeout, lost response). */
  public TransitionResult markSubmitted(Instant now, String detail) {
    return local(true, PaymentState.SUBMITTED, null, TransitionSource.LOCAL, null, detail, now);
  }

  /** The provider refused the create request (a 4xx): the payment fails, nothing was charged. */
  public TransitionResult rejectedByProvider(String errorCode, String requestId, Instant now) {
    // Once the provider accepted the payment, a refused retry of the create says nothing about it:
    // only the provider's report on that payment can end it.
    boolean notYetAccepted = state == PaymentState.CREATED || state == PaymentState.SUBMITTED;
    return local(
        notYetAccepted,
        PaymentState.FAILED,
        new Failure(FailureReason.REJECTED, null, errorCode),
        TransitionSource.PROVIDER_RESPONSE,
        requestId,
        errorCode,
        now);
  }

  /**
   * Applies what the provider said. The report's state is derived with {@link
   * PaymentLifecycle#localStateOf}; a report about another transaction or another amount is
   * rejected and changes nothing but the history.
   */
  public TransitionResult apply(ProviderReport report, Instant now) {
    ProviderPayment said = report.payment();
    PaymentState reported = PaymentLifecycle.localStateOf(said.status(), said.failure());
    String mismatch = mismatchWith(said);
    Outcome outcome =
        mismatch != null ? Outcome.REJECTED : PaymentLifecycle.classify(state, reported);
    HistoryEntry entry =
        new HistoryEntry(
            version + 1,
            state,
            reported,
            outcome,
            report.source(),
            now,
            report.eventId(),
            report.requestId(),
            mismatch);
    if (outcome == Outcome.REJECTED) {
      return TransitionResult.of(
          withEntry(entry, state, failure, transactionId, checkoutUrl, updatedAt), entry);
    }
    TransactionId learnedTx = transactionId != null ? transactionId : said.transactionId();
    URI learnedCheckout = checkoutUrl != null ? checkoutUrl : said.checkoutUrl();
    if (outcome == Outcome.APPLIED) {
      // The provider sends a failure only with cancelled; one sent with any other status is noise
      // and must not make a succeeded or expired payment look failed.
      Failure newFailure =
          reported == PaymentState.FAILED || reported == PaymentState.CANCELLED
              ? said.failure()
              : null;
      return TransitionResult.of(
          withEntry(entry, reported, newFailure, learnedTx, learnedCheckout, now), entry);
    }
    return TransitionResult.of(
        withEntry(entry, state, failure, learnedTx, learnedCheckout, updatedAt), entry);
  }

  private String mismatchWith(ProviderPayment said) {
    if (transactionId != null && !transactionId.equals(said.transactionId())) {
      return "report is about transaction " + said.transactionId() + ", not " + transactionId;
    }
    if (!request.amount().equals(said.amount())) {
      return "provider reports amount " + said.amount() + ", payment is for " + request.amount();
    }
    if (!request.externalId().equals(said.externalId())) {
      return "provider reports externalId "
          + said.externalId()
          + ", payment is for "
          + externalId();
    }
    return null;
  }

  private TransitionResult local(
      boolean permitted,
      PaymentState to,
      Failure newFailure,
      TransitionSource source,
      String requestId,
      String detail,
      Instant now) {
    boolean allowed = permitted && PaymentLifecycle.isAllowed(state, to);
    HistoryEntry entry =
        new HistoryEntry(
            version + 1,
            state,
            to,
            allowed ? Outcome.APPLIED : Outcome.REJECTED,
            source,
            now,
            null,
            requestId,
            detail);
    Payment next =
        allowed
            ? withEntry(entry, to, newFailure, transactionId, checkoutUrl, now)
            : withEntry(entry, state, failure, transactionId, checkoutUrl, updatedAt);
    return TransitionResult.of(next, entry);
  }

  private Payment withEntry(
      HistoryEntry entry,
      PaymentState newState,
      Failure newFailure,
      TransactionId tx,
      URI checkout,
      Instant updated) {
    List<HistoryEntry> longer = new ArrayList<>(history.size() + 1);
    longer.addAll(history);
    longer.add(entry);
    return new Payment(
        id,
        idempotencyKey,
        request,
        newState,
        newFailure,
        tx,
        checkout,
        createdAt,
        updated,
        version + 1,
        longer);
  }
}
