package dev.paykit.testkit.fake;

import dev.paykit.domain.dispute.DisputeId;
import dev.paykit.domain.dispute.DisputeReason;
import dev.paykit.domain.dispute.DisputeState;
import dev.paykit.domain.dispute.ProviderDispute;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.DeclineCode;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Failure;
import dev.paykit.domain.payment.FailureReason;
import dev.paykit.domain.payment.Metadata;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.domain.refund.ProviderRefund;
import dev.paykit.domain.refund.RefundState;
import dev.paykit.domain.webhook.EventId;
import dev.paykit.domain.webhook.WebhookEvent;
import dev.paykit.port.out.MalformedWebhookException;
import dev.paykit.port.out.WebhookParser;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fake provider's webhook body: one {@code name=value} line per field, both URL-encoded, with
 * the names of the reference API's JSON ({@code data.amount.value}, {@code data.metadata.<key>}).
 * Unknown names are ignored, as the reference API asks of clients. Statuses and reasons are the
 * fake's own words, each listed in a table below: Paykit's names in lower case ({@code
 * in_progress}, {@code declined}), so that a value is read back as exactly what was written.
 */
final class FakeWebhookFormat implements WebhookParser {
  static final String PAYMENT_STATUS_CHANGED = "payment.status_changed";
  static final String REFUND_STATUS_CHANGED = "refund.status_changed";
  static final String DISPUTE_STATUS_CHANGED = "dispute.status_changed";
  private static final String METADATA = "data.metadata.";

  // The fake's tables: what it may report, and so what it reads. A refund is never reported
  // REQUESTED: that state is Paykit's own, before the provider answered.
  private static final ProviderStatus[] PAYMENT_STATUSES = ProviderStatus.values();
  private static final FailureReason[] FAILURE_REASONS = FailureReason.values();
  private static final RefundState[] REFUND_STATUSES = {
    RefundState.PENDING, RefundState.SUCCEEDED, RefundState.FAILED
  };
  private static final DisputeState[] DISPUTE_STATUSES = DisputeState.values();
  private static final DisputeReason[] DISPUTE_REASONS = DisputeReason.values();

  static byte[] encode(WebhookEvent event) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("id", event.id().value());
    fields.put("createdAt", event.createdAt().toString());
    if (event instanceof WebhookEvent.PaymentStatusChanged changed) {
      fields.put("type", PAYMENT_STATUS_CHANGED);
      putPayment(fields, changed.payment());
    } else if (event instanceof WebhookEvent.RefundStatusChanged changed) {
      fields.put("type", REFUND_STATUS_CHANGED);
      putRefund(fields, changed.refund());
    } else if (event instanceof WebhookEvent.DisputeStatusChanged changed) {
      fields.put("type", DISPUTE_STATUS_CHANGED);
      putDispute(fields, changed.dispute());
    }
    StringBuilder body = new StringBuilder();
    fields.forEach(
        (name, value) -> {
          if (value != null) {
            body.append(urlEncode(name)).append('=').append(urlEncode(value)).append('\n');
          }
        });
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void putPayment(Map<String, String> fields, ProviderPayment payment) {
    fields.put("data.transactionId", payment.transactionId().value());
    fields.put("data.status", spelling(payment.status()));
    fields.put("data.amount.value", Long.toString(payment.amount().minorUnits()));
    fields.put("data.amount.currency", payment.amount().currencyCode());
    fields.put("data.externalId", payment.externalId().value());
    payment.metadata().entries().forEach((key, value) -> fields.put(METADATA + key, value));
    fields.put("data.checkoutUrl", text(payment.checkoutUrl()));
    if (payment.failure() != null) {
      fields.put("data.failure.reason", spelling(payment.failure().reason()));
      fields.put("data.failure.declineCode", text(payment.failure().declineCode()));
      fields.put("data.failure.detail", payment.failure().detail());
    }
    fields.put("data.createdAt", text(payment.createdAt()));
    fields.put("data.updatedAt", text(payment.updatedAt()));
    fields.put("data.expiresAt", text(payment.expiresAt()));
  }

  private static void putRefund(Map<String, String> fields, ProviderRefund refund) {
    fields.put("data.refundId", refund.refundId());
    fields.put("data.transactionId", refund.transactionId().value());
    fields.put("data.status", spelling(refund.status()));
    fields.put("data.amount.value", Long.toString(refund.amount().minorUnits()));
    fields.put("data.amount.currency", refund.amount().currencyCode());
    fields.put("data.createdAt", text(refund.createdAt()));
  }

  private static void putDispute(Map<String, String> fields, ProviderDispute dispute) {
    fields.put("data.disputeId", dispute.disputeId().value());
    fields.put("data.transactionId", dispute.transactionId().value());
    fields.put("data.amount.value", Long.toString(dispute.amount().minorUnits()));
    fields.put("data.amount.currency", dispute.amount().currencyCode());
    fields.put("data.reason", spelling(dispute.reason()));
    fields.put("data.status", spelling(dispute.status()));
    fields.put("data.evidenceDueBy", dispute.evidenceDueBy().toString());
    fields.put("data.createdAt", text(dispute.createdAt()));
    fields.put("data.updatedAt", text(dispute.updatedAt()));
  }

  @Override
  public WebhookEvent parse(byte[] rawBody) {
    Map<String, String> fields = read(rawBody);
    EventId id = required(fields, "id", EventId::new);
    Instant createdAt = required(fields, "createdAt", Instant::parse);
    String type = required(fields, "type", value -> value);
    if (type.equals(PAYMENT_STATUS_CHANGED)) {
      return new WebhookEvent.PaymentStatusChanged(id, createdAt, payment(fields));
    }
    if (type.equals(REFUND_STATUS_CHANGED)) {
      return new WebhookEvent.RefundStatusChanged(id, createdAt, refund(fields));
    }
    if (type.equals(DISPUTE_STATUS_CHANGED)) {
      return new WebhookEvent.DisputeStatusChanged(id, createdAt, dispute(fields));
    }
    // A kind Paykit does not model is the provider's business: acknowledged, not refused.
    return new WebhookEvent.Unmodelled(id, createdAt, type);
  }

  private static ProviderPayment payment(Map<String, String> fields) {
    Map<String, String> metadata = new TreeMap<>();
    fields.forEach(
        (name, value) -> {
          if (name.startsWith(METADATA)) {
            metadata.put(name.substring(METADATA.length()), value);
          }
        });
    Failure failure = null;
    if (fields.containsKey("data.failure.reason")) {
      failure =
          new Failure(
              required(fields, "data.failure.reason", text -> spelled(FAILURE_REASONS, text)),
              optional(fields, "data.failure.declineCode", DeclineCode::new),
              fields.get("data.failure.detail"));
    }
    return new ProviderPayment(
        required(fields, "data.transactionId", TransactionId::new),
        required(fields, "data.status", text -> spelled(PAYMENT_STATUSES, text)),
        amount(fields),
        required(fields, "data.externalId", ExternalId::new),
        convert("data.metadata", metadata, Metadata::of),
        optional(fields, "data.checkoutUrl", URI::new),
        failure,
        optional(fields, "data.createdAt", Instant::parse),
        optional(fields, "data.updatedAt", Instant::parse),
        optional(fields, "data.expiresAt", Instant::parse));
  }

  private static ProviderRefund refund(Map<String, String> fields) {
    RefundState status = required(fields, "data.status", text -> spelled(REFUND_STATUSES, text));
    return new ProviderRefund(
        required(fields, "data.refundId", value -> value),
        required(fields, "data.transactionId", TransactionId::new),
        status,
        amount(fields),
        optional(fields, "data.createdAt", Instant::parse));
  }

  private static ProviderDispute dispute(Map<String, String> fields) {
    return new ProviderDispute(
        required(fields, "data.disputeId", DisputeId::new),
        required(fields, "data.transactionId", TransactionId::new),
        amount(fields),
        required(fields, "data.reason", text -> spelled(DISPUTE_REASONS, text)),
        required(fields, "data.status", text -> spelled(DISPUTE_STATUSES, text)),
        required(fields, "data.evidenceDueBy", Instant::parse),
        optional(fields, "data.createdAt", Instant::parse),
        optional(fields, "data.updatedAt", Instant::parse));
  }

  private static Money amount(Map<String, String> fields) {
    long minorUnits = required(fields, "data.amount.value", Long::parseLong);
    String currency = required(fields, "data.amount.currency", value -> value);
    return convert("data.amount", currency, code -> Money.of(minorUnits, code));
  }

  private static Map<String, String> read(byte[] rawBody) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(rawBody))
              .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedWebhookException("body is not UTF-8");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        continue;
      }
      int equals = lines[i].indexOf('=');
      if (equals < 0) {
        throw new MalformedWebhookException("line " + (i + 1) + " is not name=value");
      }
      String name;
      String value;
      try {
        name = URLDecoder.decode(lines[i].substring(0, equals), StandardCharsets.UTF_8);
        value = URLDecoder.decode(lines[i].substring(equals + 1), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new MalformedWebhookException("line " + (i + 1) + " is not URL-encoded");
      }
      if (fields.put(name, value) != null) {
        throw new MalformedWebhookException("line " + (i + 1) + " repeats an earlier field");
      }
    }
    return fields;
  }

  private static <T> T required(
      Map<String, String> fields, String name, ThrowingFunction<String, T> parse) {
    String value = fields.get(name);
    if (value == null) {
      throw new MalformedWebhookException(name + " is missing");
    }
    return convert(name, value, parse);
  }

  private static <T> T optional(
      Map<String, String> fields, String name, ThrowingFunction<String, T> parse) {
    String value = fields.get(name);
    return value == null ? null : convert(name, value, parse);
  }

  /** The message names the field only: the value is body content and may be sensitive. */
  private static <S, T> T convert(String name, S value, ThrowingFunction<S, T> parse) {
    try {
      return parse.apply(value);
    } catch (Exception e) {
      throw new MalformedWebhookException(name + " is not valid");
    }
  }

  /** A conversion that may throw checked exceptions too, as {@link URI#URI(String)} does. */
  @FunctionalInterface
  private interface ThrowingFunction<S, T> {
    T apply(S value) throws Exception;
  }

  private static String spelling(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  /** The one of {@code table} spelled {@code text}; any other text is not valid. */
  private static <E extends Enum<E>> E spelled(E[] table, String text) {
    for (E value : table) {
      if (spelling(value).equals(text)) {
        return value;
      }
    }
    throw new IllegalArgumentException("not in the table");
  }

  private static String urlEncode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
