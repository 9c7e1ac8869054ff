package dev.paykit.port.out;

import dev.paykit.domain.webhook.WebhookEvent;

/** Reads a verified webhook body in the provider's format. */
public interface WebhookParser {

  /**
   * The event, or {@link WebhookEvent.Unmodelled} for a well-formed event of a type Paykit does not
   * model, so that it can be acknowledged instead of refused (a refusal makes the provider send it
   * again and again). Only UTF-8 is read: a body in another encoding, with a byte order mark, or
   * with a malformed sequence is refused, so that the text stored is exactly the bytes signed.
   *
   * @throws MalformedWebhookException if the body is not an event at all: not UTF-8, not JSON (or
   *     whatever the provider's format is), or with an id, type or field that breaks its rules
   */
  WebhookEvent parse(byte[] rawBody);
}
