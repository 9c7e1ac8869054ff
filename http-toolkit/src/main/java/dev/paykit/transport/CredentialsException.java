package dev.paykit.transport;

import java.time.Duration;
import java.util.Optional;

/**
 * No {@code Authorization} could be had. The message names what failed (a status, a code, a field),
 * never a secret, a token or a body. A {@link #isTransient() transient} failure is worth another
 * attempt; any other means the credentials themselves were refused.
 */
public final class CredentialsException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean transientFailure;
  private final int status;
  private final String code;
  private final String requestId;
  private final Duration retryAfter;

  /**
   * @param status the token endpoint's HTTP status, 0 when it gave none
   * @param code a bounded label for what failed ({@code invalid_client}, {@code timeout})
   * @param requestId the token endpoint's request id, or null
   * @param retryAfter the wait its {@code Retry-After} asked for, or null
   */
  public CredentialsException(
      String message,
      boolean transientFailure,
      int status,
      String code,
      String requestId,
      Duration retryAfter) {
    super(message);
    this.transientFailure = transientFailure;
    this.status = status;
    this.code = code;
    this.requestId = requestId;
    this.retryAfter = retryAfter;
  }

  /** Whether another attempt may succeed (a timeout, a 5xx, an unreadable answer). */
  public boolean isTransient() {
    return transientFailure;
  }

  /** The HTTP status that came with the failure, 0 when there was no answer. */
  public int status() {
    return status;
  }

  /** A bounded label for what failed, for logs and metrics. */
  public String code() {
    return code;
  }

  /** The request id of the answer that came with the failure, or null. */
  public String requestId() {
    return requestId;
  }

  /** The wait the answer's {@code Retry-After} asked for, if it had one. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
