package dev.paykit.inbound.webhook;

import dev.paykit.domain.PaykitException;
import dev.paykit.port.in.WebhookReceipt;
import java.time.Duration;
import java.util.Map;

/**
 * Every answer the webhook endpoint and its bindings give, in one place: the status and a small
 * JSON body, {@code {"result":"..."}} with a {@code reason} for a rejection and a {@code code} for
 * an error. {@link #of(WebhookReceipt)} is the one place that knows every kind of receipt.
 */
final class Answers {
  static final String JSON = "application/json";

  private Answers() {}

  /**
   * The answer to a receipt, with the status the receipt carries. A receipt kind added to {@link
   * WebhookReceipt} fails here (and in the test that feeds every permitted kind through) until it
   * is given its answer.
   */
  static WebhookAnswer of(WebhookReceipt receipt) {
    if (receipt instanceof WebhookReceipt.Accepted) {
      return result(receipt.httpStatus(), "accepted");
    }
    if (receipt instanceof WebhookReceipt.Duplicate) {
      return result(receipt.httpStatus(), "duplicate");
    }
    if (receipt instanceof WebhookReceipt.Ignored) {
      return result(receipt.httpStatus(), "ignored");
    }
    if (receipt instanceof WebhookReceipt.Rejected rejected) {
      // No reason: the signature held but the body is not a readable event.
      String reason = rejected.reason() == null ? "MALFORMED_BODY" : rejected.reason().name();
      return json(
          receipt.httpStatus(),
          "{\"result\":\"rejected\",\"reason\":\"" + escape(reason) + "\"}",
          Map.of());
    }
    throw new IllegalStateException(
        "no answer for the receipt kind " + receipt.getClass().getName());
  }

  /** A typed Paykit error ends the request with its own status and machine code. */
  static WebhookAnswer of(PaykitException error, Duration retryAfter) {
    int status = error.httpStatus();
    return json(
        status,
        "{\"result\":\"error\",\"code\":\"" + escape(error.code()) + "\"}",
        status == 503 ? retryAfter(retryAfter) : Map.of());
  }

  static WebhookAnswer methodNotAllowed() {
    return json(405, "{\"result\":\"method_not_allowed\"}", Map.of("Allow", "POST"));
  }

  static WebhookAnswer unsupportedMediaType() {
    return result(415, "unsupported_media_type");
  }

  static WebhookAnswer tooLarge() {
    return result(413, "too_large");
  }

  static WebhookAnswer notFound() {
    return result(404, "not_found");
  }

  /** Nothing was stored: the provider delivers again after {@code retryAfter}, nothing is lost. */
  static WebhookAnswer unavailable(Duration retryAfter) {
    return json(503, "{\"result\":\"unavailable\"}", retryAfter(retryAfter));
  }

  private static Map<String, String> retryAfter(Duration after) {
    return Map.of("Retry-After", Long.toString(after.toSeconds()));
  }

  private static WebhookAnswer result(int status, String result) {
    return json(status, "{\"result\":\"" + result + "\"}", Map.of());
  }

  private static WebhookAnswer json(int status, String body, Map<String, String> headers) {
    return new WebhookAnswer(status, JSON, body, headers);
  }

  /** A JSON string's content: quotes, backslashes and control characters escaped. */
  static String escape(String value) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == '\u2028' || c == '\u2029') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
