package dev.paykit.adapter.stripe;

import static java.lang.annotation.RetentionPolicy.RUNTIME;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.paykit.domain.ValidationException;
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
import dev.paykit.port.shared.ProviderError;
import dev.paykit.port.shared.ProviderError.Kind;
import java.io.IOException;
import java.lang.annotation.Retention;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Stripe's objects as records, and the one place their statuses, reasons and error codes become
 * Paykit's. Statuses are enums so that one Stripe adds is refused by Jackson, by its path.
 */
final class StripeJson {
  /** The intent's metadata key that holds Paykit's order id; reserved. */
  static final String EXTERNAL_ID = "paykit_external_id";

  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private StripeJson() {}

  /** Present and not null: Stripe writes absent values as {@code null}, so both are checked. */
  @Retention(RUNTIME)
  @JacksonAnnotationsInside
  @JsonProperty(required = true)
  @JsonSetter(nulls = Nulls.FAIL)
  @interface Required {}

  static <T> T read(byte[] body, Class<T> type) {
    return read(body, MAPPER.constructType(type));
  }

  static <T> Event<T> event(byte[] body, Class<T> object) {
    return read(body, MAPPER.getTypeFactory().constructParametricType(Event.class, object));
  }

  /**
   * One {@link ValidationException} naming the path of the field that is missing or breaks its type
   * ({@code data.object.status}), never its value; {@code body} when it is not JSON at all.
   */
  private static <T> T read(byte[] body, JavaType type) {
    try {
      return MAPPER.readValue(body, type);
    } catch (IOException e) {
      StringBuilder path = new StringBuilder();
      if (e instanceof JsonMappingException m && !(m.getCause() instanceof StreamReadException)) {
        for (JsonMappingException.Reference step : m.getPath()) {
          String name = step.getFieldName();
          path.append(
              name == null ? "[" + step.getIndex() + "]" : path.isEmpty() ? name : "." + name);
        }
      }
      String field = path.isEmpty() ? "body" : path.toString();
      throw new ValidationException(field, "missing_or_invalid", "is missing or invalid");
    }
  }

  record Event<T>(
      @Required String id, @Required String type, Long created, @Required Data<T> data) {}

  record Data<T>(@Required T object) {}

  record Page(@Required List<Intent> data, boolean hasMore, String nextPage) {}

  enum IntentStatus {
    REQUIRES_PAYMENT_METHOD,
    REQUIRES_CONFIRMATION,
    REQUIRES_ACTION,
    PROCESSING,
    REQUIRES_CAPTURE,
    SUCCEEDED,
    CANCELED
  }

  record Intent(
      @Required String id,
      @Required IntentStatus status,
      @Required long amount,
      @Required String currency,
      @Required IntentMetadata metadata,
      Long created,
      String cancellationReason,
      StripeError lastPaymentError) {

    /**
     * Stripe puts a declined intent back to {@code requires_payment_method} with the error, where
     * the customer may try another method; Paykit ends the payment there, as {@code DECLINED}. A
     * {@code canceled} one is {@code EXPIRED} when {@code abandoned}, {@code DECLINED} (suspected
     * fraud) when {@code fraudulent}, else {@code CANCELLED}.
     *
     * @param page the payment page the checkout URL is made of; {@code null} for none
     */
    ProviderPayment toPayment(URI page) {
      boolean declined = status == IntentStatus.REQUIRES_PAYMENT_METHOD && lastPaymentError != null;
      ProviderStatus mapped =
          switch (status) {
            case REQUIRES_PAYMENT_METHOD ->
                declined ? ProviderStatus.DECLINED : ProviderStatus.STARTED;
            case REQUIRES_CONFIRMATION -> ProviderStatus.STARTED;
            case REQUIRES_ACTION, PROCESSING, REQUIRES_CAPTURE -> ProviderStatus.IN_PROGRESS;
            case SUCCEEDED -> ProviderStatus.CONFIRMED;
            case CANCELED ->
                switch (String.valueOf(cancellationReason)) {
                  case "abandoned" -> ProviderStatus.EXPIRED;
                  case "fraudulent" -> ProviderStatus.DECLINED;
                  default -> ProviderStatus.CANCELLED;
                };
          };
      Failure failure =
          switch (mapped) {
            case DECLINED ->
                declined
                    ? Failure.declined(lastPaymentError.decline())
                    : Failure.of(FailureReason.FRAUD_SUSPECTED);
            case CANCELLED -> Failure.of(FailureReason.CUSTOMER_CANCELLED);
            default -> null;
          };
      String query = page == null || page.getRawQuery() == null ? "?" : "&";
      return new ProviderPayment(
          new TransactionId(id),
          mapped,
          money(amount, currency),
          new ExternalId(metadata.paykitExternalId()),
          Metadata.of(Objects.requireNonNullElse(metadata.others(), Map.of())),
          page == null ? null : URI.create(page + query + "payment_intent=" + id),
          failure,
          instant(created),
          null,
          null);
    }
  }

  record IntentMetadata(
      @Required String paykitExternalId, @JsonAnySetter Map<String, String> others) {}

  enum RefundStatus {
    PENDING,
    REQUIRES_ACTION,
    SUCCEEDED,
    FAILED,
    CANCELED
  }

  record Refund(
      @Required String id,
      @Required String paymentIntent,
      @Required RefundStatus status,
      @Required long amount,
      @Required String currency,
      Long created) {

    ProviderRefund toRefund() {
      RefundState state =
          switch (status) {
            case PENDING, REQUIRES_ACTION -> RefundState.PENDING;
            case SUCCEEDED -> RefundState.SUCCEEDED;
            case FAILED, CANCELED -> RefundState.FAILED;
          };
      return new ProviderRefund(
          id, new TransactionId(paymentIntent), state, money(amount, currency), instant(created));
    }
  }

  enum DisputeStatus {
    WARNING_NEEDS_RESPONSE,
    NEEDS_RESPONSE,
    WARNING_UNDER_REVIEW,
    UNDER_REVIEW,
    WON,
    WARNING_CLOSED,
    PREVENTED,
    LOST
  }

  record Dispute(
      @Required String id,
      @Required String paymentIntent,
      @Required DisputeStatus status,
      @Required String reason,
      @Required long amount,
      @Required String currency,
      @Required EvidenceDetails evidenceDetails,
      Long created) {

    ProviderDispute toDispute() {
      DisputeState state =
          switch (status) {
            case WARNING_NEEDS_RESPONSE, NEEDS_RESPONSE -> DisputeState.NEEDS_RESPONSE;
            case WARNING_UNDER_REVIEW, UNDER_REVIEW -> DisputeState.UNDER_REVIEW;
            case WON, WARNING_CLOSED, PREVENTED -> DisputeState.WON;
            case LOST -> DisputeState.LOST;
          };
      DisputeReason why =
          switch (reason) {
            case "fraudulent" -> DisputeReason.FRAUDULENT;
            case "product_not_received" -> DisputeReason.PRODUCT_NOT_RECEIVED;
            case "duplicate" -> DisputeReason.DUPLICATE;
            case "subscription_canceled" -> DisputeReason.SUBSCRIPTION_CANCELED;
            default -> DisputeReason.OTHER;
          };
      return new ProviderDispute(
          new DisputeId(id),
          new TransactionId(paymentIntent),
          money(amount, currency),
          why,
          state,
          Instant.ofEpochSecond(evidenceDetails.dueBy()),
          instant(created),
          null);
    }
  }

  record File(@Required String id) {}

  record EvidenceDetails(@Required long dueBy) {}

  /** Stripe's amounts are in the currency's smallest unit already, its codes lower case. */
  private static Money money(long amount, String currency) {
    return Money.of(amount, currency.toUpperCase(Locale.ROOT));
  }

  static Instant instant(Long epochSeconds) {
    return epochSeconds == null ? null : Instant.ofEpochSecond(epochSeconds);
  }

  record ErrorBody(@Required StripeError error) {}

  /** An error answer's {@code error}, and an intent's {@code last_payment_error}. */
  record StripeError(String type, String code, String declineCode, String message, String param) {
    /** The issuer's {@code decline_code}, or the error's {@code code} when it has none. */
    DeclineCode decline() {
      String decline = declineCode != null ? declineCode : code;
      return decline == null ? null : new DeclineCode(decline);
    }
  }

  /** Stripe's error object: its code decides where it is specific, its type and status if not. */
  static ProviderError error(int status, byte[] body) {
    StripeError error = errorOf(body);
    String code = bounded(error.code());
    String type = bounded(error.type());
    Kind kind =
        switch (String.valueOf(code)) {
          case "resource_missing" -> Kind.NOT_FOUND;
          case "idempotency_key_in_use" -> Kind.IDEMPOTENCY_KEY_IN_USE;
          case "amount_too_large", "charge_already_refunded" -> Kind.REFUND_EXCEEDS_PAYMENT;
          case "payment_intent_unexpected_state", "charge_not_refundable", "charge_disputed" ->
              Kind.NOT_REFUNDABLE;
          case "evidence_deadline_passed" -> Kind.EVIDENCE_DEADLINE_PASSED;
          default ->
              switch (String.valueOf(type)) {
                case "idempotency_error" -> Kind.IDEMPOTENCY_KEY_REUSE;
                case "card_error" -> Kind.DECLINED;
                default ->
                    switch (status) {
                      case 400 -> Kind.VALIDATION;
                      case 401, 403 -> Kind.AUTHENTICATION;
                      case 402 -> Kind.DECLINED;
                      case 404 -> Kind.NOT_FOUND;
                      case 409 -> Kind.IDEMPOTENCY_KEY_IN_USE;
                      default -> Kind.OTHER;
                    };
              };
        };
    return new ProviderError(
        kind,
        code != null ? code : type != null ? type : "http_" + status,
        error.message(),
        error.param(),
        error.declineCode() == null ? null : new DeclineCode(error.declineCode()));
  }

  /** The error's code, else its type, as Stripe writes them; null for neither. */
  static String code(byte[] body) {
    StripeError error = errorOf(body);
    String code = bounded(error.code());
    return code != null ? code : bounded(error.type());
  }

  private static StripeError errorOf(byte[] body) {
    try {
      return read(body, ErrorBody.class).error();
    } catch (ValidationException e) {
      return new StripeError(null, null, null, null, null);
    }
  }

  /** A code as Stripe writes them, or null: never free text from a body into a log or a metric. */
  private static String bounded(String code) {
    return code != null && code.matches("[a-z0-9_]{1,64}") ? code : null;
  }
}
