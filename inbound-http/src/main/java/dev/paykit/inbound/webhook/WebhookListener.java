package dev.paykit.inbound.webhook;

/**
 * Hears about every delivery {@code ReceiveWebhook} answered (stored, duplicate, ignored or
 * rejected), just before the answer goes out, so that whoever listens has seen it by the time the
 * sender has its acknowledgement: e.g. to wake an inbox worker at once. Called on the request's
 * thread; must be quick. A listener that throws is logged and changes nothing: the delivery is
 * stored and the provider must not send it again.
 */
@FunctionalInterface
public interface WebhookListener {
  void onDelivery(WebhookDelivery delivery);

  static WebhookListener none() {
    return delivery -> {};
  }
}
