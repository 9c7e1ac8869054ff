package dev.paykit.adapter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Failure;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.domain.refund.ProviderRefund;
import dev.paykit.domain.refund.RefundState;
import dev.paykit.domain.webhook.EventId;
import dev.paykit.domain.webhook.WebhookEvent;
import dev.paykit.port.out.WebhookParser;
import dev.paykit.testkit.WebhookParserContract;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The parser contract, run against the reference API's event format ({@code docs/provider-api.md}),
 * whose bodies this test writes with a JSON library of its own.
 */
class JacksonWebhookParserContractTest extends WebhookParserContract {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final List<String> EVENT_FIELDS = List.of("id", "type");
  private static final List<String> PAYMENT_FIELDS =
      List.of(
          "id",
          "type",
          "data",
          "data.transactionId",
          "data.status",
          "data.amount",
          "data.amount.value",
          "data.amount.currency",
          "data.externalId");
  private static final List<String> REFUND_FIELDS =
      List.of(
          "id",
          "type",
          "data",
          "data.refundId",
          "data.transactionId",
          "data.status",
          "data.amount",
          "data.amount.value",
          "data.amount.currency");

  @Override
  protected WebhookParser parser() {
    return new JacksonWebhookParser();
  }

  @Override
  protected List<PublishedEvent> publishedEvents() {
    Instant created = Instant.parse("2026-11-24T10:16:31Z");
    ProviderPayment payment =
        new ProviderPayment(
            new TransactionId("tx_1"),
            ProviderStatus.CONFIRMED,
            Money.of(1050, "EUR"),
            new ExternalId("order-8812"),
            null,
            null,
            null,
            null,
            null,
            null);
    ProviderRefund refund =
        new ProviderRefund(
            "rf_1", new TransactionId("tx_1"), RefundState.SUCCEEDED, Money.of(500, "EUR"), null);
    return List.of(
        new PublishedEvent(
            "the payment event of docs/provider-api.md",
            event("evt_1", "payment.status_changed", Fixtures.payment("tx_1", "confirmed")),
            new WebhookEvent.PaymentStatusChanged(new EventId("evt_1"), created, payment)),
        new PublishedEvent(
            "the refund event of docs/provider-api.md",
            event("evt_2", "refund.status_changed", Fixtures.refund("rf_1", "tx_1", "succeeded")),
            new WebhookEvent.RefundStatusChanged(new EventId("evt_2"), created, refund)));
  }

  @Override
  protected byte[] body(WebhookEvent event) {
    return write(tree(event));
  }

  @Override
  protected List<String> requiredFields(WebhookEvent event) {
    if (event instanceof WebhookEvent.PaymentStatusChanged) {
      return PAYMENT_FIELDS;
    }
    if (event instanceof WebhookEvent.RefundStatusChanged) {
      return REFUND_FIELDS;
    }
    return EVENT_FIELDS;
  }

  @Override
  protected byte[] bodyWithout(WebhookEvent event, String field) {
    ObjectNode tree = tree(event);
    ObjectNode parent = tree;
    String[] path = field.split("\\.");
    for (int i = 0; i < path.length - 1; i++) {
      parent = (ObjectNode) parent.get(path[i]);
    }
    parent.remove(path[path.length - 1]);
    return write(tree);
  }

  private static byte[] event(String id, String type, String data) {
    return """
        {"id": "%s", "type": "%s", "createdAt": "2026-11-24T10:16:31Z", "data": %s}
        """
        .formatted(id, type, data)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static ObjectNode tree(WebhookEvent event) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", event.id().value());
    root.put("createdAt", event.createdAt().toString());
    if (event instanceof WebhookEvent.PaymentStatusChanged changed) {
      root.put("type", "payment.status_changed");
      root.set("data", payment(changed.payment()));
    } else if (event instanceof WebhookEvent.RefundStatusChanged changed) {
      root.put("type", "refund.status_changed");
      root.set("data", refund(changed.refund()));
    } else {
      root.put("type", ((WebhookEvent.Unmodelled) event).type());
      root.putObject("data").put("object", "something Paykit has never heard of");
    }
    return root;
  }

  private static ObjectNode payment(ProviderPayment payment) {
    ObjectNode data = JSON.createObjectNode();
    data.put("transactionId", payment.transactionId().value());
    data.put("status", wire(payment.status()));
    data.set("amount", amount(payment.amount()));
    data.put("externalId", payment.externalId().value());
    ObjectNode metadata = data.putObject("metadata");
    payment.metadata().entries().forEach(metadata::put);
    data.put("checkoutUrl", payment.checkoutUrl().toString());
    if (payment.failure() != null) {
      Failure failure = payment.failure();
      ObjectNode node = data.putObject("failure");
      node.put("reason", failure.reason().name().toLowerCase(Locale.ROOT));
      node.put("declineCode", failure.declineCode() == null ? null : failure.declineCode().value());
    }
    data.put("createdAt", payment.createdAt().toString());
    data.put("updatedAt", payment.updatedAt().toString());
    data.put("expiresAt", payment.expiresAt().toString());
    return data;
  }

  private static ObjectNode refund(ProviderRefund refund) {
    ObjectNode data = JSON.createObjectNode();
    data.put("refundId", refund.refundId());
    data.put("transactionId", refund.transactionId().value());
    data.put("status", refund.status().name().toLowerCase(Locale.ROOT));
    data.set("amount", amount(refund.amount()));
    data.put("createdAt", refund.createdAt().toString());
    return data;
  }

  private static ObjectNode amount(Money money) {
    ObjectNode amount = JSON.createObjectNode();
    amount.put("value", money.minorUnits());
    amount.put("currency", money.currencyCode());
    return amount;
  }

  /**
   * The reference API's status names, written out here rather than taken from the parser. The API
   * has no declined status: a decline is cancelled, with the reason saying so.
   */
  private static String wire(ProviderStatus status) {
    return switch (status) {
      case STARTED -> "started";
      case IN_PROGRESS -> "inprogress";
      case CONFIRMED -> "confirmed";
      case DECLINED, CANCELLED -> "cancelled";
      case EXPIRED -> "expired";
    };
  }

  private static byte[] write(ObjectNode tree) {
    try {
      return JSON.writeValueAsBytes(tree);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
