package dev.paykit.port.out;

import dev.paykit.port.shared.WebhookHeaders;
import dev.paykit.port.shared.WebhookVerification;

/**
 * Checks a webhook's signature over the raw bytes, before anything parses them. Implementations
 * compare in constant time and never log the body or a secret.
 */
public interface WebhookVerifier {
  WebhookVerification verify(byte[] rawBody, WebhookHeaders headers);
}
