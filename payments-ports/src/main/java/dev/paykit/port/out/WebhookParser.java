package dev.paykit.port.out;

import dev.paykit.domain.webhook.WebhookEvent;

/** Reads a verified webhook body in the provider's format. */
public interface WebhookParser {

  /**
   * @throws MalformedWebhookException if the body is not an event this parser understands
   */
  WebhookEvent parse(byte[] rawBody);
}
