package dev.paykit.testkit.fake;

import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.payment.TransactionId;
import java.net.URI;
import java.time.Instant;

/** The payment objects this package's providers answer. */
final class ProviderPayments {
  private ProviderPayments() {}

  /**
   * A payment just created for {@code request}: {@code started}, its checkout under {@code
   * checkout}.
   */
  static ProviderPayment started(
      TransactionId tx, PaymentRequest request, URI checkout, Instant now) {
    return new ProviderPayment(
        tx,
        ProviderStatus.STARTED,
        request.amount(),
        request.externalId(),
        request.metadata(),
        checkout.resolve(tx.value()),
        null,
        now,
        now,
        now.plus(request.expiresIn()));
  }
}
