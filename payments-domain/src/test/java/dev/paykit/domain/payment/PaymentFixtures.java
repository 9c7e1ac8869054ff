package dev.paykit.domain.payment;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Valid values for tests that are about something else, and shortcuts to reach a state. */
public final class PaymentFixtures {
  private PaymentFixtures() {}

  public static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  public static final PaymentId PAYMENT_ID = new PaymentId("pay_1");
  public static final IdempotencyKey KEY = IdempotencyKey.of("order-8812-attempt-1");
  public static final Money AMOUNT = Money.of(1050, "EUR");
  public static final ExternalId ORDER = new ExternalId("order-8812");
  public static final TransactionId TX = new TransactionId("tx_1");
  public static final URI CHECKOUT = URI.create("https://provider.example/checkout/tx_1");
  public static final ReturnUrls URLS =
      ReturnUrls.of("https://shop.example/pay/return", "https://shop.example/pay/cancel");

  public static Instant at(long secondsAfterT0) {
    return T0.plusSeconds(secondsAfterT0);
  }

  public static PaymentRequest request() {
    return new PaymentRequest(
        ORDER,
        AMOUNT,
        "Two concert tickets",
        Metadata.of(Map.of("cartId", "c-19", "channel", "web")),
        URLS,
        Duration.ofSeconds(900));
  }

  public static Payment newPayment() {
    return Payment.create(PAYMENT_ID, KEY, request(), T0);
  }

  public static Payment newPayment(PaymentId id, ExternalId order) {
    PaymentRequest r = request();
    return Payment.create(
        id,
        KEY,
        new PaymentRequest(
            order, r.amount(), r.description(), r.metadata(), r.returnUrls(), r.expiresIn()),
        T0);
  }

  /** The provider's view of the fixture payment with {@code status}. */
  public static ProviderPayment said(ProviderStatus status) {
    return said(status, null);
  }

  public static ProviderPayment said(ProviderStatus status, Failure failure) {
    return new ProviderPayment(
        TX,
        status,
        AMOUNT,
        ORDER,
        Metadata.empty(),
        CHECKOUT,
        failure,
        T0,
        T0,
        T0.plusSeconds(900));
  }

  public static ProviderReport webhook(ProviderStatus status, String eventId) {
    return ProviderReport.fromWebhook(said(status), eventId);
  }

  public static ProviderReport webhook(ProviderStatus status, Failure failure, String eventId) {
    return ProviderReport.fromWebhook(said(status, failure), eventId);
  }

  public static ProviderReport lookup(ProviderStatus status) {
    return ProviderReport.fromLookup(said(status), "req_1");
  }

  /** The fixture payment in {@code state}, reached the way it happens in production. */
  public static Payment paymentIn(PaymentState state) {
    Payment created = newPayment();
    return switch (state) {
      case CREATED -> created;
      case SUBMITTED -> created.outcomeUnknown(at(1), "timeout").orElseThrow().payment();
      case STARTED -> created.apply(lookup(ProviderStatus.STARTED), at(1)).payment();
      case IN_PROGRESS -> created.apply(lookup(ProviderStatus.IN_PROGRESS), at(1)).payment();
      case SUCCEEDED -> created.apply(lookup(ProviderStatus.CONFIRMED), at(1)).payment();
      case FAILED ->
          created
              .apply(
                  ProviderReport.fromLookup(
                      said(
                          ProviderStatus.DECLINED,
                          Failure.declined(DeclineCode.INSUFFICIENT_FUNDS)),
                      "req_1"),
                  at(1))
              .payment();
      case CANCELLED ->
          created
              .apply(
                  ProviderReport.fromLookup(
                      said(ProviderStatus.CANCELLED, Failure.of(FailureReason.CUSTOMER_CANCELLED)),
                      "req_1"),
                  at(1))
              .payment();
      case EXPIRED -> created.apply(lookup(ProviderStatus.EXPIRED), at(1)).payment();
    };
  }
}
