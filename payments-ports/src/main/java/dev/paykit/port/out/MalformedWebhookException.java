package dev.paykit.port.out;

/** A verified webhook body that cannot be read as an event; the message never quotes the body. */
public final class MalformedWebhookException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MalformedWebhookException(String message) {
    super(message);
  }

  public MalformedWebhookException(String message, Throwable cause) {
    super(message, cause);
  }
}
