package dev.paykit.domain.dispute;

import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.Outcome;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.domain.payment.TransitionSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A chargeback of a payment, from the provider's first word about it to won or lost. Immutable:
 * every step returns a new snapshot, a version one higher, with the history entry it wrote; what
 * each event does in each state is {@link DisputeLifecycle}'s table. As for payments, a snapshot
 * carries its latest entry and the store keeps the timeline.
 *
 * <p>{@code lastNewsAt} is when the provider last said anything about the dispute, or was last
 * asked: the reconciler looks up disputes that have had no news for too long.
 */
public record Dispute(
    DisputeId id,
    PaymentId paymentId,
    TransactionId transactionId,
    Money amount,
    DisputeReason reason,
    DisputeState state,
    Instant evidenceDueBy,
    Instant evidenceSubmittedAt,
    Instant reminderSentAt,
    Instant createdAt,
    Instant updatedAt,
    Instant lastNewsAt,
    long version,
    DisputeHistoryEntry latest) {

  public Dispute {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(paymentId, "paymentId");
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(evidenceDueBy, "evidenceDueBy");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(lastNewsAt, "lastNewsAt");
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
   * A dispute first heard of in {@code report}, of the payment {@code paymentId}: in the state the
   * provider reports (the first webhook to arrive need not be the first sent), version 0.
   */
  public static Dispute open(PaymentId paymentId, DisputeReport report, Instant now) {
    ProviderDispute said = report.dispute();
    DisputeHistoryEntry first =
        new DisputeHistoryEntry(
            0,
            null,
            DisputeEvent.reported(said.status()),
            said.status(),
            Outcome.APPLIED,
            report.source(),
            now,
            report.eventId(),
            report.requestId(),
            null);
    return new Dispute(
        said.disputeId(),
        paymentId,
        said.transactionId(),
        said.amount(),
        said.reason(),
        said.status(),
        said.evidenceDueBy(),
        null,
        null,
        now,
        now,
        now,
        0,
        first);
  }

  public Optional<Instant> evidenceSubmitted() {
    return Optional.ofNullable(evidenceSubmittedAt);
  }

  public Optional<Instant> reminderSent() {
    return Optional.ofNullable(reminderSentAt);
  }

  /** Whether the disputed amount counts as already returned (see {@link DisputeState}). */
  public boolean holdsMoney() {
    return state.holdsMoney();
  }

  /**
   * Applies what the provider said; a report about another dispute, transaction or amount is
   * rejected and changes nothing but the history.
   */
  public DisputeStep apply(DisputeReport report, Instant now) {
    ProviderDispute said = report.dispute();
    String mismatch = mismatchWith(said);
    DisputeEvent event = DisputeEvent.reported(said.status());
    DisputeLifecycle.Rule rule =
        mismatch != null
            ? new DisputeLifecycle.Rule.Keep(Outcome.REJECTED)
            : DisputeLifecycle.rule(state, event);
    return step(event, rule, report.source(), report.eventId(), report.requestId(), mismatch, now)
        .orElseThrow();
  }

  /**
   * The provider accepted the merchant's evidence and answered with the dispute as it is now: the
   * evidence is noted, and the dispute moves as the table says.
   */
  public DisputeStep evidenceAccepted(DisputeReport answer, Instant now) {
    String mismatch = mismatchWith(answer.dispute());
    DisputeLifecycle.Rule rule =
        mismatch != null
            ? new DisputeLifecycle.Rule.Keep(Outcome.REJECTED)
            : DisputeLifecycle.rule(state, DisputeEvent.EVIDENCE_ACCEPTED);
    return step(
            DisputeEvent.EVIDENCE_ACCEPTED,
            rule,
            answer.source(),
            null,
            answer.requestId(),
            mismatch,
            now)
        .orElseThrow();
  }

  /**
   * The reminder that evidence is due within {@code window}, once: when a response is still needed,
   * no evidence was sent, no reminder was raised before, and the deadline is that close.
   */
  public Optional<DisputeStep> remindIfDue(Instant now, Duration window) {
    if (evidenceSubmittedAt != null
        || reminderSentAt != null
        || now.isBefore(evidenceDueBy.minus(window))) {
      return Optional.empty();
    }
    return step(
        DisputeEvent.DEADLINE_REMINDED,
        DisputeLifecycle.rule(state, DisputeEvent.DEADLINE_REMINDED),
        TransitionSource.LOCAL,
        null,
        null,
        "evidence due by " + evidenceDueBy,
        now);
  }

  /** This dispute with {@code at} as its latest news: a look-up that taught nothing new. */
  public Dispute lookedUpAt(Instant at) {
    return new Dispute(
        id,
        paymentId,
        transactionId,
        amount,
        reason,
        state,
        evidenceDueBy,
        evidenceSubmittedAt,
        reminderSentAt,
        createdAt,
        updatedAt,
        at,
        version,
        latest);
  }

  private String mismatchWith(ProviderDispute said) {
    if (!id.equals(said.disputeId())) {
      return "report is about dispute " + said.disputeId() + ", not " + id;
    }
    if (!transactionId.equals(said.transactionId())) {
      return "report is about transaction " + said.transactionId() + ", not " + transactionId;
    }
    if (!amount.equals(said.amount())) {
      return "provider reports amount " + said.amount() + ", dispute is for " + amount;
    }
    return null;
  }

  private Optional<DisputeStep> step(
      DisputeEvent event,
      DisputeLifecycle.Rule rule,
      TransitionSource source,
      String eventId,
      String requestId,
      String detail,
      Instant now) {
    DisputeState next;
    Outcome outcome;
    if (rule instanceof DisputeLifecycle.Rule.Move move) {
      next = move.to();
      outcome = Outcome.APPLIED;
    } else if (rule instanceof DisputeLifecycle.Rule.Keep keep) {
      next = state;
      outcome = keep.outcome();
    } else if (rule instanceof DisputeLifecycle.Rule.Note) {
      next = state;
      outcome = Outcome.APPLIED;
    } else {
      return Optional.empty();
    }
    DisputeHistoryEntry entry =
        new DisputeHistoryEntry(
            version + 1, state, event, next, outcome, source, now, eventId, requestId, detail);
    boolean applied = outcome == Outcome.APPLIED;
    Instant submitted =
        applied && event == DisputeEvent.EVIDENCE_ACCEPTED && evidenceSubmittedAt == null
            ? now
            : evidenceSubmittedAt;
    Instant reminded = applied && event == DisputeEvent.DEADLINE_REMINDED ? now : reminderSentAt;
    Instant news = source == TransitionSource.LOCAL ? lastNewsAt : now;
    Dispute after =
        new Dispute(
            id,
            paymentId,
            transactionId,
            amount,
            reason,
            next,
            evidenceDueBy,
            submitted,
            reminded,
            createdAt,
            applied ? now : updatedAt,
            news,
            version + 1,
            entry);
    return Optional.of(new DisputeStep(this, after, entry));
  }
}
