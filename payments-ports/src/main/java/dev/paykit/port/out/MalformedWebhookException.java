package dev.paykit.port.out;

import dev.paykit.domain.PaykitException;
import java.util.Objects;

/** A verified webhook body that cannot be read as an event; the message never quotes the body. */
public final class MalformedWebhookException extends PaykitException {
  private static final long serialVersionUID = 1L;

  /** Why the body is unreadable, from the bytes up. */
  public enum Reason {
    /** Not UTF-8: another encoding (UTF-16, UTF-32), a byte order mark, a malformed sequence. */
    NOT_UTF8,
    /** UTF-8, but not the provider's format (JSON for the reference API). */
    NOT_PARSEABLE,
    /** Readable, but not an event: a field missing, of the wrong type or breaking its rules. */
    INVALID_EVENT
  }

  private final Reason reason;

  public MalformedWebhookException(String message) {
    this(Reason.INVALID_EVENT, message);
  }

  public MalformedWebhookException(String message, Throwable cause) {
    this(Reason.INVALID_EVENT, message, cause);
  }

  public MalformedWebhookException(Reason reason, String message) {
    this(reason, message, null);
  }

  public MalformedWebhookException(Reason reason, String message, Throwable cause) {
    super("malformed_webhook", "body", 400, message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
