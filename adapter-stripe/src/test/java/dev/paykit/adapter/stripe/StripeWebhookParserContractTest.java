package dev.paykit.adapter.stripe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paykit.domain.payment.Failure;
import dev.paykit.domain.payment.FailureReason;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.refund.ProviderRefund;
import dev.paykit.domain.webhook.WebhookEvent;
import dev.paykit.port.out.WebhookParser;
import dev.paykit.testkit.WebhookParserContract;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The parser contract, with Stripe's events written by this test's own JSON. */
class StripeWebhookParserContractTest extends WebhookParserContract {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected WebhookParser parser() {
    return new StripeWebhookParser();
  }

  @Override
  protected List<PublishedEvent> publishedEvents() {
    return List.of(
        new PublishedEvent(
            "stripe-dotnet event_test_signature.json",
            StripeVectors.body(),
            new WebhookEvent.Unmodelled(
                StripeVectors.EVENT_ID, StripeVectors.SIGNED_AT, "customer.created")));
  }

  @Override
  protected byte[] body(WebhookEvent event) {
    return write(event(event));
  }

  @Override
  protected List<String> requiredFields(WebhookEvent event) {
    if (event instanceof WebhookEvent.PaymentStatusChanged) {
      return List.of(
          "id",
          "type",
          "data.object.id",
          "data.object.amount",
          "data.object.currency",
          "data.object.status",
          "data.object.metadata",
          "data.object.metadata.paykit_external_id");
    }
    if (event instanceof WebhookEvent.RefundStatusChanged) {
      return List.of(
          "id",
          "type",
          "data.object.id",
          "data.object.amount",
          "data.object.currency",
          "data.object.status",
          "data.object.payment_intent");
    }
    return List.of("id", "type");
  }

  @Override
  protected byte[] bodyWithout(WebhookEvent event, String field) {
    return write(event(event, field));
  }

  /** The event with {@code without} (a dotted path) left out. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> event(WebhookEvent event, String without) {
    Map<String, Object> root = event(event);
    String[] path = without.split("\\.");
    Map<String, Object> node = root;
    for (int i = 0; i < path.length - 1; i++) {
      node = (Map<String, Object>) node.get(path[i]);
    }
    node.remove(path[path.length - 1]);
    return root;
  }

  private static Map<String, Object> event(WebhookEvent event) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("id", event.id().value());
    root.put("object", "event");
    root.put("api_version", "2024-06-20");
    root.put("created", event.createdAt().getEpochSecond());
    root.put("livemode", false);
    Map<String, Object> object = new LinkedHashMap<>();
    String type;
    if (event instanceof WebhookEvent.PaymentStatusChanged changed) {
      ProviderPayment payment = changed.payment();
      Failure failure = payment.failure();
      object.put("id", payment.transactionId().value());
      object.put("object", "payment_intent");
      object.put("amount", payment.amount().minorUnits());
      object.put("currency", payment.amount().currencyCode().toLowerCase(Locale.ROOT));
      Map<String, String> metadata = new LinkedHashMap<>(payment.metadata().entries());
      metadata.put("paykit_external_id", payment.externalId().value());
      object.put("metadata", metadata);
      object.put("created", payment.createdAt().getEpochSecond());
      object.put("cancellation_reason", null);
      object.put("last_payment_error", null);
      switch (payment.status()) {
        case STARTED -> {
          type = "payment_intent.created";
          object.put("status", "requires_payment_method");
        }
        case IN_PROGRESS -> {
          type = "payment_intent.processing";
          object.put("status", "processing");
        }
        case CONFIRMED -> {
          type = "payment_intent.succeeded";
          object.put("status", "succeeded");
        }
        case EXPIRED -> {
          type = "payment_intent.canceled";
          object.put("status", "canceled");
          object.put("cancellation_reason", "abandoned");
        }
        default -> {
          if (failure.reason() == FailureReason.DECLINED) {
            type = "payment_intent.payment_failed";
            object.put("status", "requires_payment_method");
            object.put(
                "last_payment_error",
                Map.of(
                    "type", "card_error",
                    "code", "card_declined",
                    "decline_code", failure.declineCode().value()));
          } else {
            type = "payment_intent.canceled";
            object.put("status", "canceled");
            object.put(
                "cancellation_reason",
                failure.reason() == FailureReason.FRAUD_SUSPECTED
                    ? "fraudulent"
                    : "requested_by_customer");
          }
        }
      }
    } else if (event instanceof WebhookEvent.RefundStatusChanged changed) {
      ProviderRefund refund = changed.refund();
      type = "refund.updated";
      object.put("id", refund.refundId());
      object.put("object", "refund");
      object.put("amount", refund.amount().minorUnits());
      object.put("currency", refund.amount().currencyCode().toLowerCase(Locale.ROOT));
      object.put("payment_intent", refund.transactionId().value());
      object.put("status", refund.status().name().toLowerCase(Locale.ROOT));
      object.put("created", refund.createdAt().getEpochSecond());
    } else {
      type = ((WebhookEvent.Unmodelled) event).type();
      object.put("id", "ch_unmodelled");
      object.put("object", "charge");
    }
    root.put("type", type);
    root.put("data", new LinkedHashMap<>(Map.of("object", object)));
    return root;
  }

  private static byte[] write(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
