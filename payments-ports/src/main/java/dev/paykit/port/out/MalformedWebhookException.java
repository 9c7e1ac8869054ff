package dev.paykit.port.out;

import dev.paykit.domain.PaykitException;

/** A verified webhook body that cannot be read as an event; the message never quotes the body. */
public final class MalformedWebhookException extends PaykitException {
  private static final long serialVersionUID = 1L;

  public MalformedWebhookException(String message) {
    this(message, null);
  }

  public MalformedWebhookException(String message, Throwable cause) {
    super("malformed_webhook", "body", 400, message, cause);
  }
}
