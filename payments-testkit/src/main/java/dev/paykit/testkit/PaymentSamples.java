package dev.paykit.testkit;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.DeclineCode;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Failure;
import dev.paykit.domain.payment.FailureReason;
import dev.paykit.domain.payment.Metadata;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.ProviderReport;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.payment.ReturnUrls;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.domain.payment.TransitionResult;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Valid payments for tests, built through the domain's own steps so that every sample is a state
 * the real flows can reach.
 */
public final class PaymentSamples {
  /** The samples' amount: EUR 10.50, a typical web-shop checkout. */
  public static final Money AMOUNT = Money.of(1050, "EUR");

  private PaymentSamples() {}

  /**
   * {@link #AMOUNT} for {@code externalId}, with metadata and return URLs, expiring after the
   * default 15 minutes.
   */
  public static PaymentRequest request(String externalId) {
    return request(externalId, AMOUNT);
  }

  public static PaymentRequest request(String externalId, Money amount) {
    return new PaymentRequest(
        new ExternalId(externalId),
        amount,
        "Two concert tickets",
        Metadata.of(Map.of("cartId", "c-19", "channel", "web")),
        ReturnUrls.of("https://shop.example/pay/return", "https://shop.example/pay/cancel"),
        null);
  }

  /** A new payment (version 0, {@code CREATED}) whose idempotency key is {@code key-<id>}. */
  public static Payment created(String paymentId, String externalId, Instant at) {
    return Payment.create(
        new PaymentId(paymentId), IdempotencyKey.of("key-" + paymentId), request(externalId), at);
  }

  /** The transaction id the samples' provider gives a payment: {@code tx_<payment id>}. */
  public static TransactionId transactionOf(Payment payment) {
    return new TransactionId("tx_" + payment.id().value());
  }

  /** What the provider would say of {@code payment} in {@code status}. */
  public static ProviderPayment providerPayment(
      Payment payment, ProviderStatus status, Failure failure, Instant at) {
    TransactionId tx = transactionOf(payment);
    return new ProviderPayment(
        tx,
        status,
        payment.request().amount(),
        payment.externalId(),
        payment.request().metadata(),
        URI.create("https://provider.example/checkout/" + tx.value()),
        failure,
        payment.createdAt(),
        at,
        payment.createdAt().plus(payment.request().expiresIn()));
  }

  /**
   * {@code payment} moved to {@code target} at {@code at} by a status look-up ({@code SUBMITTED} by
   * the local step): one version and one history entry more.
   *
   * @throws IllegalArgumentException if the lifecycle does not allow the move
   */
  public static Payment moved(Payment payment, PaymentState target, Instant at) {
    Optional<TransitionResult> result =
        target == PaymentState.SUBMITTED
            ? payment.outcomeUnknown(at, "create call timed out")
            : Optional.of(
                payment.apply(
                    ProviderReport.fromLookup(
                        reportOf(payment, target, at), "req_" + at.toEpochMilli()),
                    at));
    if (!(result.orElse(null) instanceof TransitionResult.Applied applied)) {
      throw new IllegalArgumentException(
          "cannot move a " + payment.state() + " payment to " + target);
    }
    return applied.payment();
  }

  private static ProviderPayment reportOf(Payment payment, PaymentState target, Instant at) {
    return switch (target) {
      case STARTED -> providerPayment(payment, ProviderStatus.STARTED, null, at);
      case IN_PROGRESS -> providerPayment(payment, ProviderStatus.IN_PROGRESS, null, at);
      case SUCCEEDED -> providerPayment(payment, ProviderStatus.CONFIRMED, null, at);
      case FAILED ->
          providerPayment(
              payment,
              ProviderStatus.DECLINED,
              Failure.declined(DeclineCode.INSUFFICIENT_FUNDS),
              at);
      case CANCELLED ->
          providerPayment(
              payment, ProviderStatus.CANCELLED, Failure.of(FailureReason.CUSTOMER_CANCELLED), at);
      case EXPIRED -> providerPayment(payment, ProviderStatus.EXPIRED, null, at);
      case CREATED, SUBMITTED ->
          throw new IllegalArgumentException("the provider never reports " + target);
    };
  }
}
