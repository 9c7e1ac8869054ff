package dev.paykit.adapter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paykit.adapter.http.ProviderJson.UnreadableJsonException.Stage;
import dev.paykit.domain.ValidationException;
import dev.paykit.domain.dispute.DisputeId;
import dev.paykit.domain.dispute.Evidence;
import dev.paykit.domain.dispute.EvidenceDocument;
import dev.paykit.domain.dispute.ProviderDispute;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.Charging;
import dev.paykit.domain.payment.DeclineCode;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Failure;
import dev.paykit.domain.payment.FailureReason;
import dev.paykit.domain.payment.Metadata;
import dev.paykit.domain.payment.PaymentMethodId;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.SavedPaymentMethod;
import dev.paykit.domain.payment.SecureUrl;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.domain.refund.ProviderRefund;
import dev.paykit.port.out.ProviderPaymentPage;
import dev.paykit.port.shared.Utf8;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The reference API's JSON, both ways, in one place: the gateway reads responses with it and the
 * webhook parser reads event data with it, so a payment reads the same wherever it comes from. The
 * API's words for statuses and reasons are read by {@link ReferenceWire}. Unknown fields are
 * ignored; a field that is missing or wrong is named in the error, its value never quoted.
 */
final class ProviderJson {

  /** A body that is not the JSON the API promises; the message names a field, never a value. */
  static final class UnreadableJsonException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Where reading stopped: at the bytes, at the JSON syntax, or at what the JSON says. */
    enum Stage {
      ENCODING,
      SYNTAX,
      CONTENT
    }

    private final Stage stage;

    UnreadableJsonException(String message) {
      this(Stage.CONTENT, message);
    }

    UnreadableJsonException(Stage stage, String message) {
      super(message);
      this.stage = stage;
    }

    Stage stage() {
      return stage;
    }
  }

  /** What a text field from the provider may hold: a pattern and a length, both checked. */
  record TextRule(Pattern pattern, int maxLength, String description) {
    /**
     * The provider's ids (events, transactions, refunds): what the reference API and real providers
     * use, and nothing that could break a log line, a URL path or a database column.
     */
    static final TextRule ID =
        new TextRule(
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]*"),
            255,
            "letters, digits, '_', '-', '.' and ':', starting with a letter or digit");

    /** An event type, {@code payment.status_changed}: the id alphabet, shorter. */
    static final TextRule EVENT_TYPE = new TextRule(ID.pattern(), 100, ID.description());

    /** A cursor is opaque: any visible ASCII (base64 and its padding included), no spaces. */
    static final TextRule CURSOR = new TextRule(Pattern.compile("[!-~]+"), 1024, "visible ASCII");

    /** {@code text} if it follows the rule, else an error naming {@code field}, never the text. */
    String check(String text, String field) throws UnreadableJsonException {
      // The length first: it bounds the pattern's work.
      if (text.isEmpty() || text.length() > maxLength || !pattern.matcher(text).matches()) {
        throw new UnreadableJsonException(
            field + ": must be 1 to " + maxLength + " characters: " + description);
      }
      return text;
    }
  }

  /** The API's error object; every field may be absent. */
  record ErrorBody(String code, String message, String param, String declineCode) {
    static final ErrorBody NONE = new ErrorBody(null, null, null, null);
  }

  private final JsonMapper mapper =
      JsonMapper.builder()
          // Two values for one key would let two readers of the same bytes disagree.
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /**
   * Reads a body that must be a JSON object in UTF-8. The bytes are decoded strictly first: Jackson
   * would detect UTF-16 or UTF-32 on its own, skip a byte order mark, and take overlong or CESU-8
   * sequences, so that the text read would not be the text of the bytes (and of their signature).
   */
  JsonNode readObject(byte[] body) throws UnreadableJsonException {
    String text = utf8(body);
    JsonNode node;
    try {
      node = mapper.readTree(text);
    } catch (IOException e) {
      // Jackson's message quotes the offending text, so only the category is kept.
      throw new UnreadableJsonException(Stage.SYNTAX, "body is not valid JSON");
    }
    if (node == null || !node.isObject()) {
      throw new UnreadableJsonException(Stage.SYNTAX, "body is not a JSON object");
    }
    return node;
  }

  /** The body as text, if it is well-formed UTF-8 with no byte order mark and no NUL byte. */
  private static String utf8(byte[] body) throws UnreadableJsonException {
    if (startsWith(body, 0xEF, 0xBB, 0xBF)
        || startsWith(body, 0xFE, 0xFF)
        || startsWith(body, 0xFF, 0xFE)) {
      throw new UnreadableJsonException(
          Stage.ENCODING, "body starts with a byte order mark; it must be UTF-8 without one");
    }
    for (byte b : body) {
      // JSON has no raw NUL, while UTF-16 and UTF-32 have one in every ASCII character.
      if (b == 0) {
        throw new UnreadableJsonException(
            Stage.ENCODING, "body has NUL bytes (UTF-16 or UTF-32?); it must be UTF-8");
      }
    }
    Optional<String> text = Utf8.strictly(body);
    if (text.isEmpty()) {
      throw new UnreadableJsonException(Stage.ENCODING, "body is not well-formed UTF-8");
    }
    return text.get();
  }

  private static boolean startsWith(byte[] body, int... prefix) {
    if (body.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((body[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  byte[] write(JsonNode node) {
    try {
      return mapper.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree built here always serializes", e);
    }
  }

  ObjectNode createPaymentBody(PaymentRequest request) {
    ObjectNode body = mapper.createObjectNode();
    body.set("amount", money(request.amount()));
    body.put("externalId", request.externalId().value());
    request.descriptionText().ifPresent(text -> body.put("description", text));
    ObjectNode metadata = body.putObject("metadata");
    request.metadata().entries().forEach(metadata::put);
    Charging charging = request.charging();
    if (charging instanceof Charging.OffSession off) {
      // v1.1: a charge of a saved method, with no checkout and so no return URLs.
      body.put("customerId", off.customer().value());
      body.put("paymentMethodId", off.method().value());
      body.put("offSession", true);
    } else {
      body.put("successUrl", request.returnUrls().successUrl().toString());
      body.put("cancelUrl", request.returnUrls().cancelUrl().toString());
      if (charging instanceof Charging.CheckoutSavingMethod saving) {
        body.put("customerId", saving.customer().value());
        body.put("savePaymentMethod", true);
      }
    }
    body.put("expiresInSeconds", request.expiresIn().toSeconds());
    return body;
  }

  ObjectNode createRefundBody(Money amount, String reason) {
    ObjectNode body = mapper.createObjectNode();
    body.set("amount", money(amount));
    if (reason != null) {
      body.put("reason", reason);
    }
    return body;
  }

  /** The evidence's body: its documents in base64, built here and never logged. */
  ObjectNode evidenceBody(Evidence evidence) {
    ObjectNode body = mapper.createObjectNode();
    body.put("text", evidence.text());
    ArrayNode documents = body.putArray("documents");
    for (EvidenceDocument document : evidence.documents()) {
      ObjectNode node = documents.addObject();
      node.put("name", document.name());
      node.put("contentBase64", Base64.getEncoder().encodeToString(document.content()));
    }
    return body;
  }

  ErrorBody error(byte[] body) {
    try {
      JsonNode error = readObject(body).path("error");
      if (!error.isObject()) {
        return ErrorBody.NONE;
      }
      return new ErrorBody(
          optionalText(error, "code", "error"),
          optionalText(error, "message", "error"),
          optionalText(error, "param", "error"),
          optionalText(error, "declineCode", "error"));
    } catch (UnreadableJsonException e) {
      // An error status without the API's error body (a proxy's HTML page, say) still counts.
      return ErrorBody.NONE;
    }
  }

  ProviderPayment payment(JsonNode node, String path) throws UnreadableJsonException {
    requireObject(node, path);
    try {
      Failure failure = failure(node.get("failure"), join(path, "failure"));
      return new ProviderPayment(
          new TransactionId(id(node, "transactionId", path)),
          ReferenceWire.paymentStatus(text(node, "status", path), failure, join(path, "status")),
          money(node.get("amount"), join(path, "amount")),
          new ExternalId(text(node, "externalId", path)),
          metadata(node.get("metadata"), join(path, "metadata")),
          checkoutUrl(node, path),
          failure,
          instant(node, "createdAt", path),
          instant(node, "updatedAt", path),
          instant(node, "expiresAt", path),
          paymentMethod(node.get("paymentMethod"), join(path, "paymentMethod")));
    } catch (ValidationException e) {
      throw invalid(path, e);
    }
  }

  /** The v1.1 method object: its id, brand, last four digits and expiry month, nothing else. */
  private static SavedPaymentMethod paymentMethod(JsonNode node, String path)
      throws UnreadableJsonException {
    if (node == null || node.isNull()) {
      return null;
    }
    requireObject(node, path);
    String expires = text(node, "expiresAt", path);
    try {
      return new SavedPaymentMethod(
          new PaymentMethodId(id(node, "id", path)),
          text(node, "brand", path),
          text(node, "last4", path),
          YearMonth.parse(expires));
    } catch (DateTimeParseException e) {
      throw new UnreadableJsonException(join(path, "expiresAt") + ": must be YYYY-MM");
    }
  }

  ProviderRefund refund(JsonNode node, String path) throws UnreadableJsonException {
    requireObject(node, path);
    try {
      return new ProviderRefund(
          id(node, "refundId", path),
          new TransactionId(id(node, "transactionId", path)),
          ReferenceWire.refundStatus(text(node, "status", path), join(path, "status")),
          money(node.get("amount"), join(path, "amount")),
          instant(node, "createdAt", path));
    } catch (ValidationException e) {
      throw invalid(path, e);
    }
  }

  ProviderDispute dispute(JsonNode node, String path) throws UnreadableJsonException {
    requireObject(node, path);
    try {
      Instant due = instant(node, "evidenceDueBy", path);
      if (due == null) {
        throw new UnreadableJsonException(join(path, "evidenceDueBy") + ": is required");
      }
      return new ProviderDispute(
          new DisputeId(id(node, "disputeId", path)),
          new TransactionId(id(node, "transactionId", path)),
          money(node.get("amount"), join(path, "amount")),
          ReferenceWire.disputeReason(text(node, "reason", path), join(path, "reason")),
          ReferenceWire.disputeStatus(text(node, "status", path), join(path, "status")),
          due,
          instant(node, "createdAt", path),
          instant(node, "updatedAt", path));
    } catch (ValidationException e) {
      throw invalid(path, e);
    }
  }

  ProviderPaymentPage page(JsonNode node) throws UnreadableJsonException {
    JsonNode data = node.get("data");
    if (data == null || !data.isArray()) {
      throw new UnreadableJsonException("data: must be an array");
    }
    List<ProviderPayment> payments = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      payments.add(payment(data.get(i), "data[" + i + "]"));
    }
    return new ProviderPaymentPage(payments, cursor(node));
  }

  private ObjectNode money(Money amount) {
    ObjectNode node = mapper.createObjectNode();
    node.put("value", amount.minorUnits());
    node.put("currency", amount.currencyCode());
    return node;
  }

  private static Money money(JsonNode node, String path) throws UnreadableJsonException {
    requireObject(node, path);
    JsonNode value = node.get("value");
    // Money is integer minor units on the wire; 10.5 or 1e3 would mean someone used a float.
    if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new UnreadableJsonException(join(path, "value") + ": must be an integer");
    }
    if (value.longValue() < 0) {
      throw new UnreadableJsonException(join(path, "value") + ": must not be negative");
    }
    String currency = text(node, "currency", path);
    try {
      return new Money(value.longValue(), Money.currency("currency", currency));
    } catch (ValidationException e) {
      throw invalid(path, e);
    }
  }

  private static Metadata metadata(JsonNode node, String path) throws UnreadableJsonException {
    if (node == null || node.isNull()) {
      return Metadata.empty();
    }
    requireObject(node, path);
    Map<String, String> entries = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (!field.getValue().isTextual()) {
        throw new UnreadableJsonException(path + ": values must be strings");
      }
      entries.put(field.getKey(), field.getValue().textValue());
    }
    return Metadata.of(entries);
  }

  private static URI checkoutUrl(JsonNode node, String path) throws UnreadableJsonException {
    String url = optionalText(node, "checkoutUrl", path);
    // The customer's browser is sent there: the same https-or-loopback rule as every other URL.
    return url == null ? null : SecureUrl.require("checkoutUrl", url);
  }

  private static Failure failure(JsonNode node, String path) throws UnreadableJsonException {
    if (node == null || node.isNull()) {
      return null;
    }
    requireObject(node, path);
    FailureReason reason =
        ReferenceWire.failureReason(text(node, "reason", path), join(path, "reason"));
    String code = optionalText(node, "declineCode", path);
    return new Failure(reason, code == null ? null : new DeclineCode(code), null);
  }

  static Instant instant(JsonNode node, String field, String path) throws UnreadableJsonException {
    String text = optionalText(node, field, path);
    if (text == null) {
      return null;
    }
    try {
      return UtcTimestamps.parse(text);
    } catch (DateTimeParseException e) {
      throw new UnreadableJsonException(join(path, field) + ": must be an RFC 3339 UTC timestamp");
    }
  }

  /** A provider id, checked by {@link TextRule#ID}. */
  static String id(JsonNode node, String field, String path) throws UnreadableJsonException {
    return TextRule.ID.check(text(node, field, path), join(path, field));
  }

  private static String cursor(JsonNode node) throws UnreadableJsonException {
    String cursor = optionalText(node, "nextCursor", "");
    return cursor == null ? null : TextRule.CURSOR.check(cursor, "nextCursor");
  }

  static String text(JsonNode node, String field, String path) throws UnreadableJsonException {
    String text = optionalText(node, field, path);
    if (text == null) {
      throw new UnreadableJsonException(join(path, field) + ": is required");
    }
    return text;
  }

  static String optionalText(JsonNode node, String field, String path)
      throws UnreadableJsonException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new UnreadableJsonException(join(path, field) + ": must be a string");
    }
    return value.textValue();
  }

  static void requireObject(JsonNode node, String path) throws UnreadableJsonException {
    if (node == null || !node.isObject()) {
      throw new UnreadableJsonException(
          (path.isEmpty() ? "body" : path) + ": must be a JSON object");
    }
  }

  private static UnreadableJsonException invalid(String path, ValidationException e) {
    // The rule code, not the message: domain messages may quote the rejected value.
    return new UnreadableJsonException(join(path, e.field()) + ": " + e.rule());
  }

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }
}
