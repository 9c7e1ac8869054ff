package dev.paykit.bench.support;

import dev.paykit.domain.money.Money;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Webhook bodies in the reference API's format ({@code docs/provider-api.md}): a {@code
 * payment.status_changed} event carrying the payment object, as the sandbox sends them.
 */
public final class ProviderEvents {
  private ProviderEvents() {}

  /**
   * @param status the provider's status on the wire: started, inprogress, confirmed, cancelled,
   *     expired
   * @param failureReason with {@code cancelled}: declined, customer_cancelled or fraud_suspected;
   *     otherwise null
   */
  public static byte[] paymentStatusChanged(
      String eventId,
      String transactionId,
      String status,
      String failureReason,
      Money amount,
      String externalId,
      Instant createdAt) {
    Instant created = createdAt.truncatedTo(ChronoUnit.SECONDS);
    String failure =
        failureReason == null
            ? "null"
            : "{\"reason\":\""
                + failureReason
                + "\",\"declineCode\":"
                + ("declined".equals(failureReason) ? "\"do_not_honor\"" : "null")
                + "}";
    String json =
        "{\"id\":\""
            + eventId
            + "\",\"type\":\"payment.status_changed\",\"createdAt\":\""
            + created
            + "\",\"data\":{\"transactionId\":\""
            + transactionId
            + "\",\"status\":\""
            + status
            + "\",\"amount\":{\"value\":"
            + amount.minorUnits()
            + ",\"currency\":\""
            + amount.currencyCode()
            + "\"},\"externalId\":\""
            + externalId
            + "\",\"metadata\":{\"cartId\":\"c-19\",\"channel\":\"web\"},"
            + "\"checkoutUrl\":\"https://provider.example/checkout/"
            + transactionId
            + "\",\"failure\":"
            + failure
            + ",\"createdAt\":\""
            + created
            + "\",\"updatedAt\":\""
            + created
            + "\",\"expiresAt\":\""
            + created.plus(15, ChronoUnit.MINUTES)
            + "\"}}";
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
