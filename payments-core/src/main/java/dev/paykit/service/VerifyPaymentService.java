package dev.paykit.service;

import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.ProviderReport;
import dev.paykit.domain.payment.TransitionResult;
import dev.paykit.port.in.PaymentNotFoundException;
import dev.paykit.port.in.VerifyPayment;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.ProviderResult;
import dev.paykit.port.out.Stores;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;

/**
 * Verifies a payment server-side when the customer comes back from the checkout: only the
 * provider's answer moves it; the redirect itself proves nothing.
 */
public final class VerifyPaymentService implements VerifyPayment {
  private final PaymentStore payments;
  private final ProviderChoice providers;
  private final OptimisticWriter writer;
  private final PaymentSubmitter submitter;
  private final Clock clock;

  @Inject
  VerifyPaymentService(
      Stores stores,
      ProviderChoice providers,
      OptimisticWriter writer,
      PaymentSubmitter submitter,
      Clock clock) {
    this.payments = stores.payments();
    this.providers = providers;
    this.writer = writer;
    this.submitter = submitter;
    this.clock = clock;
  }

  @Override
  public Payment verify(PaymentId id) {
    Payment payment =
        payments.findById(id).orElseThrow(() -> new PaymentNotFoundException(id.value()));
    if (payment.state().isTerminal()) {
      return payment;
    }
    if (payment.awaitsProvider()) {
      // The create's answer never arrived: asking again with the same key is the safe look-up.
      return submitter.submit(payment).payment();
    }
    ProviderResult<ProviderPayment> answer =
        providers.gatewayOf(payment).getPayment(payment.transactionId());
    return answer.fold(
        success -> {
          ProviderReport report = ProviderReport.fromLookup(success.value(), success.requestId());
          return writer
              .payment(
                  () -> Optional.of(payment),
                  current -> Optional.of(current.apply(report, clock.instant())),
                  (current, next) -> {})
              .map(w -> w.step().map(TransitionResult::payment).orElse(w.before()))
              .orElse(payment);
        },
        rejected -> payment,
        unavailable -> payment,
        unknown -> payment);
  }
}
