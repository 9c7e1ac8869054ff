package dev.paykit.adapter.observability;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.DeclineCode;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Failure;
import dev.paykit.domain.payment.Metadata;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.ProviderReport;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.payment.ReturnUrls;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.domain.payment.TransitionResult;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** Payments moved through real domain steps, for the observers to report on. */
final class ObservedPayments {
  static final Instant CREATED_AT = Instant.parse("2026-11-24T10:00:00Z");

  private ObservedPayments() {}

  static Payment created(String order) {
    return Payment.create(
        PaymentId.random(),
        IdempotencyKey.of("key-" + order),
        new PaymentRequest(
            new ExternalId(order),
            Money.of(1050, "EUR"),
            null,
            Metadata.of(Map.of("email", "buyer@example.com")),
            ReturnUrls.of("https://shop.example/ok", "https://shop.example/cancel"),
            null),
        CREATED_AT);
  }

  static TransitionResult report(
      Payment payment, ProviderStatus status, Failure failure, Instant at) {
    ProviderPayment said =
        new ProviderPayment(
            new TransactionId("tx_" + payment.externalId().value()),
            status,
            payment.request().amount(),
            payment.externalId(),
            null,
            null,
            failure,
            CREATED_AT,
            at,
            null);
    return payment.apply(
        ProviderReport.fromWebhook(said, "evt_" + status.name().toLowerCase(Locale.ROOT)), at);
  }

  static Failure insufficientFunds() {
    return Failure.declined(DeclineCode.INSUFFICIENT_FUNDS);
  }
}
