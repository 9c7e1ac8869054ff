package dev.paykit.inbound.webhook;

import dev.paykit.domain.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * What the endpoint answers: the status, the content type and body (a small JSON object), and the
 * headers a status needs ({@code Allow} with a 405, {@code Retry-After} with a 503). A binding
 * writes it as it is.
 */
public record WebhookAnswer(
    int status, String contentType, String body, Map<String, String> headers) {
  public WebhookAnswer {
    if (status < 100 || status > 599) {
      throw new ValidationException("status", "out_of_range", "must be an HTTP status, 100 to 599");
    }
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    headers = Map.copyOf(headers);
  }

  /** The body as the bytes to send, UTF-8 as the content type says. */
  public byte[] bodyBytes() {
    return body.getBytes(StandardCharsets.UTF_8);
  }
}
