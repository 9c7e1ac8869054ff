package dev.paykit.service;

import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.ProviderReport;
import dev.paykit.port.in.PaymentNotFoundException;
import dev.paykit.port.in.VerifyPayment;
import dev.paykit.port.out.IdempotencyStore;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.ProviderResult;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * Verifies a payment server-side when the customer comes back from the checkout: only the
 * provider's answer moves it; the redirect itself proves nothing.
 */
public final class VerifyPaymentService implements VerifyPayment {
  private final PaymentStore payments;
  private final ProviderGateway gateway;
  private final PaymentUpdater updater;
  private final PaymentSubmitter submitter;

  @Inject
  public VerifyPaymentService(
      PaymentStore payments,
      IdempotencyStore keys,
      ProviderGateway gateway,
      PaykitObserver observer,
      Clock clock) {
    this.payments = payments;
    this.gateway = gateway;
    this.updater = new PaymentUpdater(payments, observer, clock);
    this.submitter = new PaymentSubmitter(gateway, keys, updater, observer, clock);
  }

  @Override
  public Payment verify(PaymentId id) {
    Payment payment =
        payments.findById(id).orElseThrow(() -> new PaymentNotFoundException(id.value()));
    if (payment.state().isTerminal()) {
      return payment;
    }
    if (payment.transactionId() == null) {
      // The create's answer never arrived: asking again with the same key is the safe look-up.
      return submitter.submit(payment).payment();
    }
    ProviderResult<ProviderPayment> answer = gateway.getPayment(payment.transactionId());
    if (answer instanceof ProviderResult.Success<ProviderPayment> success) {
      return updater
          .apply(id, ProviderReport.fromLookup(success.value(), success.requestId()))
          .payment();
    }
    return payment;
  }
}
