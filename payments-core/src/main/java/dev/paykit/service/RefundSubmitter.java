package dev.paykit.service;

import dev.paykit.domain.idempotency.IdempotencyScope;
import dev.paykit.domain.payment.Outcome;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.refund.ProviderRefund;
import dev.paykit.domain.refund.Refund;
import dev.paykit.port.in.RefundResult;
import dev.paykit.port.out.ProviderResult;
import dev.paykit.port.shared.ProviderError;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * Sends a recorded refund to the provider with the refund's own idempotency key, whoever asks: the
 * first request, a retry with the same key, or the reconciler. Because the key never changes,
 * sending again can never refund twice.
 *
 * <p>As for payments, the answer and the key's settlement are one phase; the key is completed only
 * when the provider gave a definitive answer, and otherwise released, the refund staying {@code
 * REQUESTED} for the next attempt.
 */
final class RefundSubmitter {
  private static final IdempotencyScope SCOPE = IdempotencyScope.CREATE_REFUND;

  private final ProviderChoice providers;
  private final KeyedRequests requests;
  private final OptimisticWriter writer;
  private final Clock clock;

  @Inject
  RefundSubmitter(
      ProviderChoice providers, KeyedRequests requests, OptimisticWriter writer, Clock clock) {
    this.providers = providers;
    this.requests = requests;
    this.writer = writer;
    this.clock = clock;
  }

  RefundResult submit(Refund refund, Payment payment) {
    ProviderResult<ProviderRefund> answer =
        providers
            .gatewayOf(payment)
            .createRefund(
                payment.transactionId(), refund.amount(), refund.reason(), refund.idempotencyKey());
    return answer.fold(
        success ->
            record(
                refund,
                current -> Optional.of(current.apply(success.value(), clock.instant())),
                true,
                RefundResult.Accepted::new),
        rejected ->
            undecided(rejected.error())
                ? pending(refund)
                : record(
                    refund,
                    current ->
                        Optional.of(
                            new Refund.Update(Outcome.REJECTED, current.rejected(clock.instant()))),
                    true,
                    after -> new RefundResult.Rejected(after, rejected.error())),
        unavailable -> pending(refund),
        unknown -> pending(refund));
  }

  private RefundResult pending(Refund refund) {
    return record(refund, current -> Optional.empty(), false, RefundResult.Pending::new);
  }

  private RefundResult record(
      Refund refund,
      Function<Refund, Optional<Refund.Update>> step,
      boolean definitive,
      Function<Refund, RefundResult> result) {
    OptimisticWriter.Written<Refund, Refund.Update> written =
        writer
            .refund(
                () -> Optional.of(refund),
                step,
                (current, next) ->
                    requests.settle(
                        SCOPE, refund.idempotencyKey(), refund.id().value(), definitive))
            .orElseThrow();
    return result.apply(written.step().map(Refund.Update::refund).orElse(written.before()));
  }

  /**
   * A refusal that says nothing about the refund itself: the provider is still working on this very
   * key, or refused our credentials before looking at the request. Failing the refund for either
   * would free its amount while the provider may still pay it out.
   */
  private static boolean undecided(ProviderError error) {
    return error.kind() == ProviderError.Kind.IDEMPOTENCY_KEY_IN_USE
        || error.kind() == ProviderError.Kind.AUTHENTICATION;
  }
}
