package dev.paykit.domain.dispute;

import dev.paykit.domain.payment.TransitionSource;
import java.util.Objects;

/**
 * What the provider said about a dispute and how Paykit heard it: a webhook (with its event id), a
 * look-up or the answer to evidence (with the response's {@code Request-Id}).
 */
public record DisputeReport(
    ProviderDispute dispute, TransitionSource source, String eventId, String requestId) {

  public DisputeReport {
    Objects.requireNonNull(dispute, "dispute");
    Objects.requireNonNull(source, "source");
    if (source == TransitionSource.LOCAL) {
      throw new IllegalArgumentException("a provider report cannot come from a local source");
    }
  }

  public static DisputeReport fromWebhook(ProviderDispute dispute, String eventId) {
    return new DisputeReport(
        dispute, TransitionSource.WEBHOOK, Objects.requireNonNull(eventId, "eventId"), null);
  }

  public static DisputeReport fromLookup(ProviderDispute dispute, String requestId) {
    return new DisputeReport(dispute, TransitionSource.LOOKUP, null, requestId);
  }

  public static DisputeReport fromEvidenceResponse(ProviderDispute dispute, String requestId) {
    return new DisputeReport(dispute, TransitionSource.PROVIDER_RESPONSE, null, requestId);
  }
}
