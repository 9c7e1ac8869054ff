package dev.paykit.inbound.webhook;

import dev.paykit.domain.ValidationException;
import dev.paykit.port.shared.WebhookHeaders;
import java.io.InputStream;
import java.util.Objects;

/**
 * One HTTP request to the webhook endpoint as a server binding sees it: the method, the headers,
 * the length the request declared, and the body as a stream the endpoint reads only as far as it
 * allows. The body is never read here, so a binding can hand over a socket's stream as it is.
 *
 * @param contentLength the declared {@code Content-Length}, or {@code -1} when the request did not
 *     declare one (chunked)
 */
public record WebhookRequest(
    String method, WebhookHeaders headers, long contentLength, InputStream body) {
  public static final long UNKNOWN_LENGTH = -1;

  public WebhookRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    if (contentLength < UNKNOWN_LENGTH) {
      throw new ValidationException(
          "contentLength", "out_of_range", "is -1 (not declared) or at least 0");
    }
  }

  /** Without the header values: a signature is only useful to someone forging the next one. */
  @Override
  public String toString() {
    return "WebhookRequest["
        + method
        + ", contentLength="
        + contentLength
        + ", headers="
        + headers.values().keySet()
        + "]";
  }
}
