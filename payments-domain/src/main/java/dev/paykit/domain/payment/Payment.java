package dev.paykit.domain.payment;

import dev.paykit.domain.idempotency.IdempotencyKey;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The payment aggregate, immutable: every step returns a new snapshot, a version one higher, which
 * stores use for optimistic locking, and the history entry it wrote; expected situations (a
 * duplicate, stale or contradicting report) are results, not exceptions. What each event does in
 * each state is {@link PaymentLifecycle}'s table.
 *
 * <p>A snapshot carries its latest history entry, not the whole trail: deciding a step needs only
 * that entry, and a payment's cost must not grow with its history. Stores keep the trail and load
 * it only for whoever asks for it.
 *
 * <p>{@code provider} is the provider the payment was last sent to, or is about to be: the one that
 * may have acted on it, so every later question about the payment goes there. It changes only while
 * the payment waits for its first answer, and only when the provider it names certainly did not act
 * ({@link #failOver}).
 */
public record Payment(
    PaymentId id,
    IdempotencyKey idempotencyKey,
    ProviderName provider,
    PaymentRequest request,
    PaymentState state,
    Failure failure,
    TransactionId transactionId,
    URI checkoutUrl,
    Instant createdAt,
    Instant updatedAt,
    long version,
    HistoryEntry latest) {

  public Payment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(latest, "latest");
    if (latest.sequence() != version) {
      throw new IllegalArgumentException(
          "the latest history entry is the one that produced the version: entry "
              + latest.sequence()
              + ", version "
              + version);
    }
  }

  /**
   * {@link #create(PaymentId, IdempotencyKey, ProviderName, PaymentRequest, Instant)} for a shop of
   * one provider.
   */
  public static Payment create(
      PaymentId id, IdempotencyKey key, PaymentRequest request, Instant now) {
    return create(id, key, ProviderName.DEFAULT, request, now);
  }

  /**
   * A new payment in {@code CREATED} at {@code provider}, version 0, its history starting with its
   * creation.
   */
  public static Payment create(
      PaymentId id,
      IdempotencyKey key,
      ProviderName provider,
      PaymentRequest request,
      Instant now) {
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
        id, key, provider, request, PaymentState.CREATED, null, null, null, now, now, 0, created);
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
   * Whether the payment still has to be sent to the provider: it is active and the provider never
   * gave it a transaction id (queued, or the answer to the create call was lost).
   */
  public boolean awaitsProvider() {
    return transactionId == null && state.isActive();
  }

  /** The create call went out and its outcome is unknown (timeout, lost response). */
  public Optional<TransitionResult> outcomeUnknown(Instant now, String detail) {
    return local(LifecycleEvent.CREATE_UNKNOWN, null, TransitionSource.LOCAL, null, detail, now);
  }

  /** The provider certainly did not act on the create call; the payment waits to be sent again. */
  public Optional<TransitionResult> providerUnavailable(Instant now, String detail) {
    return local(
        LifecycleEvent.CREATE_UNAVAILABLE, null, TransitionSource.LOCAL, null, detail, now);
  }

  /**
   * Hands the payment to the provider {@code next}, because the one it names certainly did not act
   * on it ({@code why}): a new version at {@code next}, with an entry saying so. Only a payment
   * that is still {@code CREATED} without a transaction id can move; empty for any other, since any
   * other may have been acted on where it is (an unknown outcome made it {@code SUBMITTED}), and
   * sending it elsewhere could charge twice.
   *
   * @throws IllegalArgumentException if {@code next} is the provider it is at already
   */
  public Optional<TransitionResult> failOver(ProviderName next, String why, Instant now) {
    Objects.requireNonNull(next, "next");
    Objects.requireNonNull(now, "now");
    if (next.equals(provider)) {
      throw new IllegalArgumentException("payment " + id + " is at " + next + " already");
    }
    if (state != PaymentState.CREATED || transactionId != null) {
      return Optional.empty();
    }
    HistoryEntry entry =
        entry(
            PaymentState.CREATED,
            Outcome.APPLIED,
            TransitionSource.LOCAL,
            null,
            null,
            provider + " did not act (" + why + "); sent to " + next + " instead",
            now);
    Payment moved =
        new Payment(
            id,
            idempotencyKey,
            next,
            request,
            state,
            failure,
            transactionId,
            checkoutUrl,
            createdAt,
            now,
            version + 1,
            entry);
    return Optional.of(TransitionResult.of(moved, entry));
  }

  /** The provider refused the create request (a 4xx): nothing was charged. */
  public TransitionResult refused(String errorCode, String requestId, Instant now) {
    return local(
            LifecycleEvent.CREATE_REFUSED,
            new Failure(FailureReason.REJECTED, null, errorCode),
            TransitionSource.PROVIDER_RESPONSE,
            requestId,
            errorCode,
            now)
        .orElseThrow();
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
    PaymentLifecycle.Rule rule =
        mismatch != null
            ? new PaymentLifecycle.Rule.Keep(Outcome.REJECTED)
            : PaymentLifecycle.rule(state, LifecycleEvent.reported(reported));
    HistoryEntry entry =
        entry(
            reported,
            rule instanceof PaymentLifecycle.Rule.Keep keep ? keep.outcome() : Outcome.APPLIED,
            report.source(),
            report.eventId(),
            report.requestId(),
            mismatch,
            now);
    if (mismatch != null) {
      return recorded(entry, state, failure, transactionId, checkoutUrl, updatedAt);
    }
    TransactionId learnedTx = transactionId != null ? transactionId : said.transactionId();
    URI learnedCheckout = checkoutUrl != null ? checkoutUrl : said.checkoutUrl();
    if (rule instanceof PaymentLifecycle.Rule.Move move) {
      // A failure belongs to a decline or a cancellation; one sent with any other status is noise
      // and must not make a succeeded or expired payment look failed.
      Failure newFailure =
          move.to() == PaymentState.FAILED || move.to() == PaymentState.CANCELLED
              ? said.failure()
              : null;
      return recorded(entry, move.to(), newFailure, learnedTx, learnedCheckout, now);
    }
    return recorded(entry, state, failure, learnedTx, learnedCheckout, updatedAt);
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

  private Optional<TransitionResult> local(
      LifecycleEvent event,
      Failure newFailure,
      TransitionSource source,
      String requestId,
      String detail,
      Instant now) {
    PaymentLifecycle.Rule rule = PaymentLifecycle.rule(state, event);
    if (rule instanceof PaymentLifecycle.Rule.Move move) {
      HistoryEntry entry = entry(move.to(), Outcome.APPLIED, source, null, requestId, detail, now);
      return Optional.of(recorded(entry, move.to(), newFailure, transactionId, checkoutUrl, now));
    }
    if (rule instanceof PaymentLifecycle.Rule.Keep keep) {
      HistoryEntry entry =
          entry(event.says(), keep.outcome(), source, null, requestId, detail, now);
      return Optional.of(recorded(entry, state, failure, transactionId, checkoutUrl, updatedAt));
    }
    return Optional.empty();
  }

  private HistoryEntry entry(
      PaymentState reported,
      Outcome outcome,
      TransitionSource source,
      String eventId,
      String requestId,
      String detail,
      Instant now) {
    return new HistoryEntry(
        version + 1, state, reported, outcome, source, now, eventId, requestId, detail);
  }

  /**
   * The snapshot after {@code entry}: a new version with the entry appended, or, when the step
   * changed nothing and says what the latest entry says, this version with that entry counted once
   * more.
   */
  private TransitionResult recorded(
      HistoryEntry entry,
      PaymentState newState,
      Failure newFailure,
      TransactionId tx,
      URI checkout,
      Instant updated) {
    boolean changesNothing =
        entry.outcome() != Outcome.APPLIED
            && Objects.equals(tx, transactionId)
            && Objects.equals(checkout, checkoutUrl);
    // A counter at its limit starts a new entry: a report must never fail for being said too often.
    boolean countable = latest.repeats() < Integer.MAX_VALUE;
    if (changesNothing && countable && latest.saysTheSameAs(entry)) {
      HistoryEntry repeated = latest.repeatedAt(entry.at());
      return new TransitionResult.Repeated(
          new Payment(
              id,
              idempotencyKey,
              provider,
              request,
              state,
              failure,
              transactionId,
              checkoutUrl,
              createdAt,
              updatedAt,
              version,
              repeated),
          repeated);
    }
    Payment next =
        new Payment(
            id,
            idempotencyKey,
            provider,
            request,
            newState,
            newFailure,
            tx,
            checkout,
            createdAt,
            updated,
            version + 1,
            entry);
    return TransitionResult.of(next, entry);
  }
}
