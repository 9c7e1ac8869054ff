package dev.paykit.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Strict parsing and validation of request bodies; every error names its field in {@code param}.
 */
final class Requests {

  static final Set<String> DECLINE_CODES =
      Set.of("insufficient_funds", "expired_card", "invalid_cvv", "do_not_honor");

  /** The decline codes of an off-session charge (v1.1). */
  static final Set<String> OFF_SESSION_DECLINE_CODES =
      Set.of(
          "insufficient_funds",
          "expired_card",
          "do_not_honor",
          "payment_method_removed",
          "authentication_required");

  private static final Set<String> CURRENCIES =
      Currency.getAvailableCurrencies().stream()
          .map(Currency::getCurrencyCode)
          .collect(Collectors.toUnmodifiableSet());
  private static final Pattern CURRENCY_FORM = Pattern.compile("[A-Z]{3}");
  private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");
  private static final long MAX_EXPIRES_IN_SECONDS = 7 * 24 * 3600;

  private Requests() {}

  record CreatePayment(
      SandboxAmount amount,
      String externalId,
      String description,
      Map<String, String> metadata,
      URI successUrl,
      URI cancelUrl,
      Long expiresInSeconds,
      String customerId,
      boolean savePaymentMethod,
      String paymentMethodId,
      boolean offSession) {}

  /** The outcome the next off-session charge on a payment method gets. */
  record NextOutcome(boolean confirmed, String declineCode, int times) {}

  record CreateRefund(SandboxAmount amount, String reason) {}

  record Simulate(SimulatedOutcome outcome, String declineCode) {}

  /** {@code amount} null: what is still held of the payment. */
  record OpenDispute(String reason, SandboxAmount amount) {}

  /** The evidence's documents are checked and counted, never kept. */
  record Evidence(String text, int documents, long bytes) {}

  static final Set<String> DISPUTE_REASONS =
      Set.of("fraudulent", "product_not_received", "duplicate", "subscription_canceled", "other");

  static final int MAX_EVIDENCE_DOCUMENTS = 5;
  static final int MAX_EVIDENCE_DOCUMENT_BYTES = 4 * 1024 * 1024;

  static OpenDispute openDispute(ObjectNode body) {
    Json.rejectUnknownFields(body, "", Set.of("reason", "amount"));
    String reason = requiredText(body, "reason", 1, 64);
    if (!DISPUTE_REASONS.contains(reason)) {
      throw SandboxApiException.invalidRequest(
          "reason must be one of " + new java.util.TreeSet<>(DISPUTE_REASONS) + ".", "reason");
    }
    SandboxAmount amount = body.has("amount") ? amount(body.get("amount"), "amount") : null;
    return new OpenDispute(reason, amount);
  }

  static DisputeStatus resolution(ObjectNode body) {
    Json.rejectUnknownFields(body, "", Set.of("outcome"));
    String outcome = requiredText(body, "outcome", 1, 16);
    return switch (outcome) {
      case "won" -> DisputeStatus.WON;
      case "lost" -> DisputeStatus.LOST;
      default ->
          throw SandboxApiException.invalidRequest("outcome must be won or lost.", "outcome");
    };
  }

  static Evidence evidence(ObjectNode body) {
    Json.rejectUnknownFields(body, "", Set.of("text", "documents"));
    String text = requiredText(body, "text", 1, 20000);
    JsonNode documents = body.get("documents");
    if (documents == null || documents.isNull()) {
      return new Evidence(text, 0, 0);
    }
    if (!documents.isArray()) {
      throw SandboxApiException.invalidRequest("documents must be an array.", "documents");
    }
    if (documents.size() > MAX_EVIDENCE_DOCUMENTS) {
      throw SandboxApiException.invalidRequest(
          "At most " + MAX_EVIDENCE_DOCUMENTS + " documents.", "documents");
    }
    long bytes = 0;
    for (int i = 0; i < documents.size(); i++) {
      String prefix = "documents[" + i + "]";
      JsonNode document = documents.get(i);
      if (!document.isObject()) {
        throw SandboxApiException.invalidRequest(prefix + " must be an object.", prefix);
      }
      Json.rejectUnknownFields(document, prefix + ".", Set.of("name", "contentBase64"));
      JsonNode name = document.get("name");
      if (name == null
          || !name.isTextual()
          || name.textValue().isEmpty()
          || name.textValue().codePointCount(0, name.textValue().length()) > 100) {
        throw SandboxApiException.invalidRequest(
            prefix + ".name is required, 1 to 100 characters.", prefix + ".name");
      }
      JsonNode content = document.get("contentBase64");
      if (content == null || !content.isTextual()) {
        throw SandboxApiException.invalidRequest(
            prefix + ".contentBase64 is required.", prefix + ".contentBase64");
      }
      byte[] decoded;
      try {
        decoded = java.util.Base64.getDecoder().decode(content.textValue());
      } catch (IllegalArgumentException e) {
        throw SandboxApiException.invalidRequest(
            prefix + ".contentBase64 is not base64.", prefix + ".contentBase64");
      }
      if (decoded.length > MAX_EVIDENCE_DOCUMENT_BYTES) {
        throw SandboxApiException.invalidRequest(
            prefix + ".contentBase64 holds more than 4 MiB.", prefix + ".contentBase64");
      }
      bytes += decoded.length;
    }
    return new Evidence(text, documents.size(), bytes);
  }

  /** Checks the {@code Idempotency-Key} header: 1–255 printable ASCII characters. */
  static String idempotencyKey(String header) {
    if (header == null || header.isEmpty()) {
      throw SandboxApiException.badRequest(
          "missing_idempotency_key", "The Idempotency-Key header is required.", "Idempotency-Key");
    }
    if (header.length() > 255 || !header.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
      throw SandboxApiException.invalidRequest(
          "Idempotency-Key must be 1 to 255 printable ASCII characters.", "Idempotency-Key");
    }
    return header;
  }

  static CreatePayment createPayment(ObjectNode body) {
    Json.rejectUnknownFields(
        body,
        "",
        Set.of(
            "amount",
            "externalId",
            "description",
            "metadata",
            "successUrl",
            "cancelUrl",
            "expiresInSeconds",
            "customerId",
            "savePaymentMethod",
            "paymentMethodId",
            "offSession"));
    SandboxAmount amount = amount(body.get("amount"), "amount");
    String externalId = requiredText(body, "externalId", 1, 64);
    String description = optionalText(body, "description", 1, 255);
    Map<String, String> metadata = metadata(body.get("metadata"));
    String customerId = optionalText(body, "customerId", 1, 64);
    boolean save = flag(body, "savePaymentMethod");
    boolean offSession = flag(body, "offSession");
    String paymentMethodId = optionalText(body, "paymentMethodId", 1, 64);
    if (offSession != (paymentMethodId != null)) {
      throw SandboxApiException.invalidRequest(
          "offSession: true and paymentMethodId go together.",
          offSession ? "paymentMethodId" : "offSession");
    }
    if (save && customerId == null) {
      throw SandboxApiException.invalidRequest(
          "savePaymentMethod needs the customerId the method is kept for.", "customerId");
    }
    if (offSession) {
      if (save) {
        throw SandboxApiException.invalidRequest(
            "An off-session payment uses a saved method; it cannot save one.", "savePaymentMethod");
      }
      for (String field : new String[] {"successUrl", "cancelUrl"}) {
        if (body.has(field)) {
          throw SandboxApiException.invalidRequest(
              field + " is not allowed with offSession: there is no checkout.", field);
        }
      }
    }
    URI successUrl = offSession ? null : url(body, "successUrl");
    URI cancelUrl = offSession ? null : url(body, "cancelUrl");
    Long expiresIn = null;
    JsonNode expires = body.get("expiresInSeconds");
    if (expires != null && !expires.isNull()) {
      if (!expires.isIntegralNumber()
          || !expires.canConvertToLong()
          || expires.longValue() < 1
          || expires.longValue() > MAX_EXPIRES_IN_SECONDS) {
        throw SandboxApiException.invalidRequest(
            "expiresInSeconds must be an integer from 1 to " + MAX_EXPIRES_IN_SECONDS + ".",
            "expiresInSeconds");
      }
      expiresIn = expires.longValue();
    }
    return new CreatePayment(
        amount,
        externalId,
        description,
        metadata,
        successUrl,
        cancelUrl,
        expiresIn,
        customerId,
        save,
        paymentMethodId,
        offSession);
  }

  static NextOutcome nextOutcome(ObjectNode body) {
    Json.rejectUnknownFields(body, "", Set.of("outcome", "declineCode", "times"));
    String outcome = requiredText(body, "outcome", 1, 16);
    String declineCode = optionalText(body, "declineCode", 1, 64);
    int times = 1;
    JsonNode timesNode = body.get("times");
    if (timesNode != null && !timesNode.isNull()) {
      if (!timesNode.isInt() || timesNode.intValue() < 1 || timesNode.intValue() > 100) {
        throw SandboxApiException.invalidRequest(
            "times must be an integer from 1 to 100.", "times");
      }
      times = timesNode.intValue();
    }
    switch (outcome) {
      case "confirmed":
        if (declineCode != null) {
          throw SandboxApiException.invalidRequest(
              "declineCode is allowed only with outcome declined.", "declineCode");
        }
        return new NextOutcome(true, null, times);
      case "declined":
        String code = declineCode == null ? "do_not_honor" : declineCode;
        if (!OFF_SESSION_DECLINE_CODES.contains(code)) {
          throw SandboxApiException.invalidRequest(
              "declineCode must be one of "
                  + new java.util.TreeSet<>(OFF_SESSION_DECLINE_CODES)
                  + ".",
              "declineCode");
        }
        return new NextOutcome(false, code, times);
      default:
        throw SandboxApiException.invalidRequest(
            "outcome must be confirmed or declined.", "outcome");
    }
  }

  private static boolean flag(ObjectNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return false;
    }
    if (!node.isBoolean()) {
      throw SandboxApiException.invalidRequest(field + " must be true or false.", field);
    }
    return node.booleanValue();
  }

  static CreateRefund createRefund(ObjectNode body) {
    Json.rejectUnknownFields(body, "", Set.of("amount", "reason"));
    SandboxAmount amount = amount(body.get("amount"), "amount");
    String reason = optionalText(body, "reason", 1, 100);
    return new CreateRefund(amount, reason);
  }

  static Simulate simulate(ObjectNode body) {
    Json.rejectUnknownFields(body, "", Set.of("outcome", "declineCode"));
    JsonNode outcomeNode = body.get("outcome");
    if (outcomeNode == null || !outcomeNode.isTextual()) {
      throw SandboxApiException.invalidRequest(
          "outcome is required: confirmed, declined, cancelled, expired, fraud_suspected or"
              + " inprogress.",
          "outcome");
    }
    SimulatedOutcome outcome =
        SimulatedOutcome.fromWire(outcomeNode.textValue())
            .orElseThrow(
                () ->
                    SandboxApiException.invalidRequest(
                        "outcome must be confirmed, declined, cancelled, expired, fraud_suspected"
                            + " or inprogress.",
                        "outcome"));
    String declineCode = optionalText(body, "declineCode", 1, 64);
    return new Simulate(outcome, declineCode);
  }

  /** Checks a decline code against the outcome; returns the code to record (or {@code null}). */
  static String declineCodeFor(SimulatedOutcome outcome, String declineCode) {
    if (outcome != SimulatedOutcome.DECLINED) {
      if (declineCode != null) {
        throw SandboxApiException.invalidRequest(
            "declineCode is allowed only with outcome declined.", "declineCode");
      }
      return null;
    }
    if (declineCode == null) {
      return "do_not_honor";
    }
    if (!DECLINE_CODES.contains(declineCode)) {
      throw SandboxApiException.invalidRequest(
          "declineCode must be one of " + DECLINE_CODES + ".", "declineCode");
    }
    return declineCode;
  }

  static SandboxAmount amount(JsonNode node, String param) {
    if (node == null || node.isNull() || !node.isObject()) {
      throw SandboxApiException.badRequest(
          "invalid_amount",
          param + " is required: {\"value\": <minor units>, \"currency\": \"EUR\"}.",
          param);
    }
    Json.rejectUnknownFields(node, param + ".", Set.of("value", "currency"));
    JsonNode value = node.get("value");
    if (value == null
        || !value.isIntegralNumber()
        || !value.canConvertToLong()
        || value.longValue() <= 0) {
      throw SandboxApiException.badRequest(
          "invalid_amount",
          param + ".value must be a positive integer of minor units.",
          param + ".value");
    }
    JsonNode currency = node.get("currency");
    if (currency == null
        || !currency.isTextual()
        || !CURRENCY_FORM.matcher(currency.textValue()).matches()
        || !CURRENCIES.contains(currency.textValue())) {
      throw SandboxApiException.badRequest(
          "invalid_currency",
          param + ".currency must be an ISO 4217 alpha-3 code such as EUR.",
          param + ".currency");
    }
    return new SandboxAmount(value.longValue(), currency.textValue());
  }

  private static Map<String, String> metadata(JsonNode node) {
    Map<String, String> metadata = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return metadata;
    }
    if (!node.isObject()) {
      throw SandboxApiException.invalidRequest(
          "metadata must be an object of strings.", "metadata");
    }
    if (node.size() > 20) {
      throw SandboxApiException.invalidRequest("metadata has at most 20 keys.", "metadata");
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String key = field.getKey();
      int keyLength = key.codePointCount(0, key.length());
      if (keyLength < 1 || keyLength > 40) {
        throw SandboxApiException.invalidRequest(
            "metadata keys are 1 to 40 characters.",
            keyLength < 1 ? "metadata" : "metadata." + key);
      }
      JsonNode value = field.getValue();
      if (!value.isTextual()) {
        throw SandboxApiException.invalidRequest(
            "metadata values must be strings.", "metadata." + key);
      }
      String text = value.textValue();
      if (text.codePointCount(0, text.length()) > 500) {
        throw SandboxApiException.invalidRequest(
            "metadata values are at most 500 characters.", "metadata." + key);
      }
      metadata.put(key, text);
    }
    return metadata;
  }

  private static URI url(ObjectNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull() || !node.isTextual()) {
      throw SandboxApiException.badRequest("invalid_url", field + " is required.", field);
    }
    String text = node.textValue();
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw SandboxApiException.badRequest("invalid_url", field + " is not a valid URL.", field);
    }
    if (text.length() > 2048 || !uri.isAbsolute() || uri.getHost() == null) {
      throw SandboxApiException.badRequest(
          "invalid_url", field + " must be an absolute URL of at most 2048 characters.", field);
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https") || (scheme.equals("http") && isLoopback(uri.getHost()))) {
      return uri;
    }
    throw SandboxApiException.badRequest(
        "invalid_url", field + " must be https:// (http:// only for loopback hosts).", field);
  }

  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost")
        || h.equals("[::1]")
        || h.equals("::1")
        || IPV4_LOOPBACK.matcher(h).matches();
  }

  private static String requiredText(ObjectNode body, String field, int min, int max) {
    String text = optionalText(body, field, min, max);
    if (text == null) {
      throw SandboxApiException.invalidRequest(field + " is required.", field);
    }
    return text;
  }

  private static String optionalText(ObjectNode body, String field, int min, int max) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw SandboxApiException.invalidRequest(field + " must be a string.", field);
    }
    String text = node.textValue();
    int length = text.codePointCount(0, text.length());
    if (length < min || length > max) {
      throw SandboxApiException.invalidRequest(
          field + " must be " + min + " to " + max + " characters.", field);
    }
    return text;
  }
}
