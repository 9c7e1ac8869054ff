package dev.paykit.domain.refund;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.Outcome;
import dev.paykit.domain.payment.PaymentId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A refund of part or all of a succeeded payment. Immutable; each change bumps the version. */
public record Refund(
    RefundId id,
    PaymentId paymentId,
    IdempotencyKey idempotencyKey,
    Money amount,
    String reason,
    RefundState state,
    String providerRefundId,
    Instant createdAt,
    Instant updatedAt,
    long version) {

  public Refund {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(paymentId, "paymentId");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  public static Refund request(
      RefundId id,
      PaymentId paymentId,
      IdempotencyKey key,
      Money amount,
      String reason,
      Instant now) {
    return new Refund(id, paymentId, key, amount, reason, RefundState.REQUESTED, null, now, now, 0);
  }

  public Optional<String> provider() {
    return Optional.ofNullable(providerRefundId);
  }

  /** The outcome of a reported state, and the refund afterwards (unchanged unless applied). */
  public record Update(Outcome outcome, Refund refund) {}

  /** Applies what the provider said of this refund; terminal states never change. */
  public Update apply(ProviderRefund said, Instant now) {
    if (providerRefundId != null && !providerRefundId.equals(said.refundId())) {
      return new Update(Outcome.REJECTED, this);
    }
    if (!amount.equals(said.amount())) {
      return new Update(Outcome.REJECTED, this);
    }
    RefundState reported = said.status();
    Outcome outcome;
    if (reported == state) {
      outcome = Outcome.DUPLICATE;
    } else if (state.isTerminal()) {
      outcome = reported.isTerminal() ? Outcome.ANOMALY : Outcome.STALE;
    } else if (reported.ordinal() < state.ordinal()) {
      outcome = Outcome.STALE;
    } else {
      outcome = Outcome.APPLIED;
    }
    String learnedId = providerRefundId != null ? providerRefundId : said.refundId();
    if (outcome != Outcome.APPLIED) {
      boolean learned = providerRefundId == null;
      return new Update(
          outcome,
          learned
              ? new Refund(
                  id,
                  paymentId,
                  idempotencyKey,
                  amount,
                  reason,
                  state,
                  learnedId,
                  createdAt,
                  now,
                  version + 1)
              : this);
    }
    return new Update(
        outcome,
        new Refund(
            id,
            paymentId,
            idempotencyKey,
            amount,
            reason,
            reported,
            learnedId,
            createdAt,
            now,
            version + 1));
  }

  /** The provider refused the refund request itself (a 4xx). */
  public Refund rejected(Instant now) {
    if (state.isTerminal()) {
      return this;
    }
    return new Refund(
        id,
        paymentId,
        idempotencyKey,
        amount,
        reason,
        RefundState.FAILED,
        providerRefundId,
        createdAt,
        now,
        version + 1);
  }
}
