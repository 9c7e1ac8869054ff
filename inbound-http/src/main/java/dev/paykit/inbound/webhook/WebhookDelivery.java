package dev.paykit.inbound.webhook;

import dev.paykit.port.in.WebhookReceipt;
import dev.paykit.port.shared.WebhookHeaders;
import java.util.Objects;

/**
 * One delivery the endpoint handed to {@code ReceiveWebhook}: the exact bytes and headers as they
 * came, and the receipt. Held in memory for a {@link WebhookListener} (a demo replays a captured
 * delivery); its {@code toString} shows neither the body nor a header's value.
 */
public record WebhookDelivery(byte[] body, WebhookHeaders headers, WebhookReceipt receipt) {
  public WebhookDelivery {
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
    return headers.first(WebhookEndpoint.EVENT_ID_HEADER).orElse("");
  }

  @Override
  public String toString() {
    return "WebhookDelivery[eventId="
        + LogSafe.text(eventId())
        + ", status="
        + receipt.httpStatus()
        + ", "
        + body.length
        + " bytes]";
  }
}
