package dev.paykit.sandbox;

/**
 * An error as the API answers it: HTTP status, machine {@code code}, human message, optional {@code
 * param} and {@code declineCode}. The Java API throws it for the same reasons.
 */
public final class SandboxApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final String param;
  private final String declineCode;

  SandboxApiException(int status, String code, String message, String param, String declineCode) {
    super(message);
    this.status = status;
    this.code = code;
    this.param = param;
    this.declineCode = declineCode;
  }

  static SandboxApiException badRequest(String code, String message, String param) {
    return new SandboxApiException(400, code, message, param, null);
  }

  static SandboxApiException invalidRequest(String message, String param) {
    return badRequest("invalid_request", message, param);
  }

  static SandboxApiException notFound(String message) {
    return new SandboxApiException(404, "not_found", message, null, null);
  }

  static SandboxApiException invalidToken() {
    return new SandboxApiException(
        401, "invalid_token", "The access token is missing, unknown or expired.", null, null);
  }

  static SandboxApiException conflict(String code, String message) {
    return new SandboxApiException(409, code, message, null, null);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** The request field at fault, or {@code null}. */
  public String param() {
    return param;
  }

  /** The decline code, or {@code null}. */
  public String declineCode() {
    return declineCode;
  }
}
