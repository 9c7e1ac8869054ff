package dev.paykit.port.in;

import dev.paykit.domain.payment.ProviderName;
import dev.paykit.port.shared.WebhookHeaders;

/**
 * Use case: a webhook arrived. Verifies the signature over the raw bytes, parses, stores it in the
 * inbox by provider and event id and acknowledges; nothing slow happens before the acknowledgement.
 */
public interface ReceiveWebhook {
  /**
   * A webhook that {@code provider} sent (to its own endpoint): verified and read by that
   * provider's verifier and parser.
   *
   * @throws dev.paykit.port.shared.UnknownProviderException if no such provider is configured
   */
  WebhookReceipt receive(ProviderName provider, byte[] rawBody, WebhookHeaders headers);

  /** A webhook of the {@link ProviderName#DEFAULT} provider, a shop's only one. */
  default WebhookReceipt receive(byte[] rawBody, WebhookHeaders headers) {
    return receive(ProviderName.DEFAULT, rawBody, headers);
  }
}
