package dev.paykit.port.in;

import dev.paykit.port.shared.WebhookHeaders;

/**
 * Use case: a webhook arrived. Verifies the signature over the raw bytes, parses, stores it in the
 * inbox by event id and acknowledges; nothing slow happens before the acknowledgement.
 */
public interface ReceiveWebhook {
  WebhookReceipt receive(byte[] rawBody, WebhookHeaders headers);
}
