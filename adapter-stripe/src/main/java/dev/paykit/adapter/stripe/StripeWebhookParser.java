package dev.paykit.adapter.stripe;

import dev.paykit.adapter.stripe.StripeJson.Dispute;
import dev.paykit.adapter.stripe.StripeJson.Intent;
import dev.paykit.adapter.stripe.StripeJson.Refund;
import dev.paykit.domain.ValidationException;
import dev.paykit.domain.webhook.EventId;
import dev.paykit.domain.webhook.WebhookEvent;
import dev.paykit.port.out.MalformedWebhookException;
import dev.paykit.port.out.MalformedWebhookException.Reason;
import dev.paykit.port.out.WebhookParser;
import dev.paykit.port.shared.Utf8;
import java.time.Instant;

/**
 * Reads a Stripe event, {@code {"id", "type", "created", "data": {"object": …}}}: {@code
 * payment_intent.*} carry an intent, {@code refund.*} a refund, {@code charge.dispute.*} a dispute;
 * every other type is {@link WebhookEvent.Unmodelled}, so it is acknowledged.
 */
public final class StripeWebhookParser implements WebhookParser {

  @Override
  public WebhookEvent parse(byte[] rawBody) {
    if (Utf8.strictly(rawBody)
        .filter(t -> !t.startsWith("\uFEFF") && !t.contains("\0"))
        .isEmpty()) {
      throw new MalformedWebhookException(Reason.NOT_UTF8, "webhook must be UTF-8, no BOM or NUL");
    }
    try {
      StripeJson.Event<?> event = StripeJson.event(rawBody, Object.class);
      EventId id = new EventId(event.id());
      Instant created = StripeJson.instant(event.created());
      String type = event.type();
      if (type.startsWith("payment_intent.")) {
        Intent intent = StripeJson.event(rawBody, Intent.class).data().object();
        return new WebhookEvent.PaymentStatusChanged(id, created, intent.toPayment(null));
      }
      if (type.startsWith("refund.") || type.equals("charge.refund.updated")) {
        Refund refund = StripeJson.event(rawBody, Refund.class).data().object();
        return new WebhookEvent.RefundStatusChanged(id, created, refund.toRefund());
      }
      if (type.startsWith("charge.dispute.")) {
        Dispute dispute = StripeJson.event(rawBody, Dispute.class).data().object();
        return new WebhookEvent.DisputeStatusChanged(id, created, dispute.toDispute());
      }
      return new WebhookEvent.Unmodelled(id, created, type);
    } catch (ValidationException e) {
      if (e.field().equals("body")) {
        throw new MalformedWebhookException(Reason.NOT_PARSEABLE, "webhook is not a JSON object");
      }
      throw new MalformedWebhookException("webhook field " + e.field() + ": " + e.rule());
    }
  }
}
