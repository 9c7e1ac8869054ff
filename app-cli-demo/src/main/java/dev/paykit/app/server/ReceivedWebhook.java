package dev.paykit.app.server;

import dev.paykit.port.in.WebhookReceipt;
import dev.paykit.port.shared.WebhookHeaders;
import java.util.Objects;

/**
 * One delivery the receiver answered: the exact bytes and headers as they came, and the receipt.
 * Held in memory only, for whoever listens (the tour replays a captured delivery); never logged.
 */
public record ReceivedWebhook(byte[] body, WebhookHeaders headers, WebhookReceipt receipt) {
  public ReceivedWebhook {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(receipt, "receipt");
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The {@code webhook-id} header, the provider's event id, or empty if it was missing. */
  public String eventId() {
    return headers.first("webhook-id").orElse("");
  }

  @Override
  public String toString() {
    return "ReceivedWebhook[eventId=" + eventId() + ", status=" + receipt.httpStatus() + "]";
  }
}
