package dev.paykit.domain;

import java.util.Objects;

/**
 * The one family of errors Paykit raises for a situation its caller must handle: a bad field, a
 * reused key, a paid order, a missing payment, a refused refund, a webhook that cannot be read, a
 * setting that is wrong. Each carries a stable machine {@link #code()} (the README lists them), the
 * {@link #subject()} it concerns (a field as the caller spelled it, or a resource), and the {@link
 * #httpStatus()} an endpoint should answer with. The message is for developers, never for
 * customers, and never quotes a secret or a payload.
 */
public abstract class PaykitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final String subject;
  private final int httpStatus;

  protected PaykitException(String code, String subject, int httpStatus, String message) {
    this(code, subject, httpStatus, message, null);
  }

  protected PaykitException(
      String code, String subject, int httpStatus, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
    this.subject = Objects.requireNonNull(subject, "subject");
    if (httpStatus < 400 || httpStatus > 599) {
      throw new IllegalArgumentException("an error's HTTP status is 4xx or 5xx: " + httpStatus);
    }
    this.httpStatus = httpStatus;
  }

  /** Stable and machine-readable, e.g. {@code invalid_field} or {@code order_already_paid}. */
  public final String code() {
    return code;
  }

  /**
   * What the error is about: a field in the caller's spelling ({@code amount.value}), a resource
   * ({@code payment:pay_123}), or a setting ({@code PAYKIT_PROVIDER_URL}).
   */
  public final String subject() {
    return subject;
  }

  /** The status an HTTP endpoint answers with when this error ends a request. */
  public final int httpStatus() {
    return httpStatus;
  }
}
