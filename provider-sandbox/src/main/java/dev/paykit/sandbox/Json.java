package dev.paykit.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/** The one JSON mapper of the sandbox, and the JSON of its objects. */
final class Json {

  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final ObjectMapper CANONICAL =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a request body that must be one JSON object; else 400 {@code invalid_request}. */
  static ObjectNode parseObject(byte[] body) {
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (IOException e) {
      throw SandboxApiException.invalidRequest(
          "The body is not valid JSON (or has a duplicate field).", null);
    }
    if (node == null || node.isMissingNode() || !node.isObject()) {
      throw SandboxApiException.invalidRequest("The body must be a JSON object.", null);
    }
    return (ObjectNode) node;
  }

  /** Rejects any field of {@code node} not in {@code allowed}, naming it in {@code param}. */
  static void rejectUnknownFields(JsonNode node, String prefix, Set<String> allowed) {
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String name = field.getKey();
      if (!allowed.contains(name)) {
        throw SandboxApiException.invalidRequest(
            "Unknown field '" + prefix + name + "'.", prefix + name);
      }
    }
  }

  /** SHA-256 (hex) of the canonical form of a JSON value: object keys sorted, no whitespace. */
  static String fingerprint(String scope, JsonNode node) {
    try {
      Object plain = CANONICAL.treeToValue(node, Object.class);
      String canonical = scope + "\n" + CANONICAL.writeValueAsString(plain);
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String time(Instant instant) {
    return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant);
  }

  static ObjectNode amount(SandboxAmount amount) {
    ObjectNode node = object();
    node.put("value", amount.value());
    node.put("currency", amount.currency());
    return node;
  }

  /** The payment object exactly as the contract lists its fields. */
  static ObjectNode payment(SandboxPayment p) {
    ObjectNode node = object();
    node.put("transactionId", p.transactionId());
    node.put("status", p.status().wireName());
    node.set("amount", amount(p.amount()));
    node.put("externalId", p.externalId());
    ObjectNode metadata = node.putObject("metadata");
    p.metadata().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> metadata.put(e.getKey(), e.getValue()));
    node.put("checkoutUrl", p.checkoutUrl() == null ? null : p.checkoutUrl().toString());
    if (p.failure() == null) {
      node.putNull("failure");
    } else {
      ObjectNode failure = node.putObject("failure");
      failure.put("reason", p.failure().reason());
      failure.put("declineCode", p.failure().declineCode());
    }
    node.put("createdAt", time(p.createdAt()));
    node.put("updatedAt", time(p.updatedAt()));
    node.put("expiresAt", time(p.expiresAt()));
    // v1.1 fields appear only on payments that used v1.1, so a v1 client sees exactly v1.
    if (p.customerId() != null) {
      node.put("customerId", p.customerId());
    }
    if (p.offSession()) {
      node.put("offSession", true);
    }
    if (p.savePaymentMethod() || p.offSession()) {
      if (p.paymentMethod() == null) {
        node.putNull("paymentMethod");
      } else {
        node.set("paymentMethod", paymentMethod(p.paymentMethod()));
      }
    }
    return node;
  }

  /** The payment method object: id, brand, last four digits, expiry month; nothing else. */
  static ObjectNode paymentMethod(SandboxPaymentMethod m) {
    ObjectNode node = object();
    node.put("id", m.id());
    node.put("brand", m.brand());
    node.put("last4", m.last4());
    node.put("expiresAt", m.expiresAt().toString());
    return node;
  }

  /** The refund object. */
  static ObjectNode refund(SandboxRefund r) {
    ObjectNode node = object();
    node.put("refundId", r.refundId());
    node.put("transactionId", r.transactionId());
    node.put("status", r.status().wireName());
    node.set("amount", amount(r.amount()));
    node.put("createdAt", time(r.createdAt()));
    return node;
  }

  /** The dispute object. */
  static ObjectNode dispute(SandboxDispute d) {
    ObjectNode node = object();
    node.put("disputeId", d.disputeId());
    node.put("transactionId", d.transactionId());
    node.set("amount", amount(d.amount()));
    node.put("reason", d.reason());
    node.put("status", d.status().wireName());
    node.put("evidenceDueBy", time(d.evidenceDueBy()));
    node.put("createdAt", time(d.createdAt()));
    node.put("updatedAt", time(d.updatedAt()));
    return node;
  }

  static ObjectNode error(SandboxApiException e) {
    ObjectNode root = object();
    ObjectNode error = root.putObject("error");
    error.put("code", e.code());
    error.put("message", e.getMessage());
    error.put("declineCode", e.declineCode());
    error.put("param", e.param());
    return root;
  }
}
