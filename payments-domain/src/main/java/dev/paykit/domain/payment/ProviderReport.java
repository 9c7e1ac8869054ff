package dev.paykit.domain.payment;

import java.util.Objects;

/**
 * What the provider said about a payment and how Paykit heard it: in a create response, a look-up
 * or a webhook (with the event id), and with the response's {@code Request-Id} when there was one.
 */
public record ProviderReport(
    ProviderPayment payment, TransitionSource source, String eventId, String requestId) {

  public ProviderReport {
    Objects.requireNonNull(payment, "payment");
    Objects.requireNonNull(source, "source");
    if (source == TransitionSource.LOCAL) {
      throw new IllegalArgumentException("a provider report cannot come from a local source");
    }
  }

  public static ProviderReport fromWebhook(ProviderPayment payment, String eventId) {
    return new ProviderReport(
        payment, TransitionSource.WEBHOOK, Objects.requireNonNull(eventId), null);
  }

  public static ProviderReport fromLookup(ProviderPayment payment, String requestId) {
    return new ProviderReport(payment, TransitionSource.LOOKUP, null, requestId);
  }

  public static ProviderReport fromCreateResponse(ProviderPayment payment, String requestId) {
    return new ProviderReport(payment, TransitionSource.PROVIDER_RESPONSE, null, requestId);
  }
}
