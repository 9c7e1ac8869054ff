package dev.paykit.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One fault to inject, as built in Java or parsed from the JSON of {@code POST /sandbox/faults}.
 * Immutable: the {@code times}, {@code afterAction} and similar methods return a changed copy.
 *
 * <p>HTTP faults ({@link FaultKind#ERROR}, {@link FaultKind#LATENCY}, {@link
 * FaultKind#DROP_RESPONSE}) apply to the next {@code times} calls of their endpoint, a route such
 * as {@code "POST /v1/payments"} or {@code "GET /v1/payments/{transactionId}"}, a concrete path
 * such as {@code "GET /v1/payments/tx_abc"}, or {@code "*"} for every call of {@code /oauth/token}
 * and {@code /v1}. Webhook faults apply to the next {@code times} events (delivery attempts, for a
 * bad signature).
 */
public final class Fault {

  /** How a dropped response ends. */
  public enum DropMode {
    /** Keep the connection open for the hold time, then close it without an answer. */
    HOLD,
    /** Close the connection at once without an answer. */
    CLOSE
  }

  static final String ANY_ENDPOINT = "*";

  private final FaultKind kind;
  private String endpoint = ANY_ENDPOINT;
  private String endpointKey = ANY_ENDPOINT;
  private int times = 1;
  private int status;
  private int retryAfterSeconds = 1;
  private boolean afterAction;
  private Duration latency = Duration.ZERO;
  private DropMode dropMode = DropMode.HOLD;
  private Duration hold = Duration.ofSeconds(10);
  private int copies = 2;
  private Duration delay = Duration.ZERO;
  private int events = 2;
  private String transactionId;
  private Duration maxHold = Duration.ofSeconds(10);

  private Fault(FaultKind kind) {
    this.kind = kind;
  }

  private Fault copy() {
    Fault f = new Fault(kind);
    f.endpoint = endpoint;
    f.endpointKey = endpointKey;
    f.times = times;
    f.status = status;
    f.retryAfterSeconds = retryAfterSeconds;
    f.afterAction = afterAction;
    f.latency = latency;
    f.dropMode = dropMode;
    f.hold = hold;
    f.copies = copies;
    f.delay = delay;
    f.events = events;
    f.transactionId = transactionId;
    f.maxHold = maxHold;
    return f;
  }

  /** Answer {@code status} (429, 500, 502, 503 or 504) instead of acting. */
  public static Fault error(String endpoint, int status) {
    Fault f = new Fault(FaultKind.ERROR);
    f.endpoint = endpoint;
    f.status = status;
    return f.validated();
  }

  /** Answer 429 {@code rate_limited} with {@code Retry-After: retryAfterSeconds}. */
  public static Fault rateLimited(String endpoint, int retryAfterSeconds) {
    Fault f = new Fault(FaultKind.ERROR);
    f.endpoint = endpoint;
    f.status = 429;
    f.retryAfterSeconds = retryAfterSeconds;
    return f.validated();
  }

  /** Add {@code latency} while the call is processed. */
  public static Fault latency(String endpoint, Duration latency) {
    Fault f = new Fault(FaultKind.LATENCY);
    f.endpoint = endpoint;
    f.latency = latency;
    return f.validated();
  }

  /**
   * Act (create the payment, the refund, the token), then keep the connection open for 10 seconds
   * (see {@link #holdFor(Duration)}) and close it without an answer; {@link #beforeAction()} drops
   * it without acting.
   */
  public static Fault dropResponse(String endpoint) {
    Fault f = new Fault(FaultKind.DROP_RESPONSE);
    f.endpoint = endpoint;
    f.afterAction = true;
    return f.validated();
  }

  /** Invalidate every access token issued so far, at once. */
  public static Fault expireTokens() {
    return new Fault(FaultKind.EXPIRE_TOKENS);
  }

  /** Send each of the next events {@code copies} times in all (2 to 10), with the same id. */
  public static Fault webhookDuplicates(int copies) {
    Fault f = new Fault(FaultKind.WEBHOOK_DUPLICATE);
    f.copies = copies;
    return f.validated();
  }

  /** Hold each of the next events back for {@code delay} before its first attempt. */
  public static Fault webhookDelay(Duration delay) {
    Fault f = new Fault(FaultKind.WEBHOOK_DELAY);
    f.delay = delay;
    return f.validated();
  }

  /**
   * Hold the next {@code events} events (2 to 20) of one transaction, the first one to emit an
   * event unless {@link #forTransaction(String)} names it, and deliver them in reverse order.
   */
  public static Fault webhookReorder(int events) {
    Fault f = new Fault(FaultKind.WEBHOOK_REORDER);
    f.events = events;
    return f.validated();
  }

  /** Sign the next delivery attempts with a wrong key (a later retry is signed correctly). */
  public static Fault webhookBadSignature() {
    return new Fault(FaultKind.WEBHOOK_BAD_SIGNATURE);
  }

  /** How many calls, events or attempts the fault affects (1 to 1000; default 1). */
  public Fault times(int times) {
    Fault f = copy();
    f.times = times;
    return f.validated();
  }

  /** For {@link FaultKind#ERROR}: act first, then answer the error instead of the result. */
  public Fault afterAction() {
    require(FaultKind.ERROR, "afterAction");
    Fault f = copy();
    f.afterAction = true;
    return f;
  }

  /**
   * For {@link FaultKind#DROP_RESPONSE}: drop the connection without acting, as a request lost on
   * its way to the provider; a retry with the same key acts for the first time.
   */
  public Fault beforeAction() {
    require(FaultKind.DROP_RESPONSE, "beforeAction");
    Fault f = copy();
    f.afterAction = false;
    return f;
  }

  /** For {@link FaultKind#DROP_RESPONSE}: how long the connection is held (default 10 s). */
  public Fault holdFor(Duration hold) {
    require(FaultKind.DROP_RESPONSE, "holdFor");
    Fault f = copy();
    f.dropMode = DropMode.HOLD;
    f.hold = hold;
    return f.validated();
  }

  /** For {@link FaultKind#DROP_RESPONSE}: close the connection at once instead of holding it. */
  public Fault closeImmediately() {
    require(FaultKind.DROP_RESPONSE, "closeImmediately");
    Fault f = copy();
    f.dropMode = DropMode.CLOSE;
    return f;
  }

  /** For {@link FaultKind#WEBHOOK_REORDER}: the transaction whose events are held. */
  public Fault forTransaction(String transactionId) {
    require(FaultKind.WEBHOOK_REORDER, "forTransaction");
    Fault f = copy();
    f.transactionId = Objects.requireNonNull(transactionId);
    return f;
  }

  /**
   * For {@link FaultKind#WEBHOOK_REORDER}: release what is held, reversed, after this long even if
   * fewer events came (default 10 s).
   */
  public Fault maxHold(Duration maxHold) {
    require(FaultKind.WEBHOOK_REORDER, "maxHold");
    Fault f = copy();
    f.maxHold = maxHold;
    return f.validated();
  }

  public FaultKind kind() {
    return kind;
  }

  /** The endpoint as given, e.g. {@code "GET /v1/payments/{transactionId}"} or {@code "*"}. */
  public String endpoint() {
    return endpoint;
  }

  /**
   * The endpoint normalized for matching: method upper-case, every {@code {name}} as {@code {}}.
   */
  String endpointKey() {
    return endpointKey;
  }

  public int times() {
    return times;
  }

  public int status() {
    return status;
  }

  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public boolean isAfterAction() {
    return afterAction;
  }

  public Duration latency() {
    return latency;
  }

  public DropMode dropMode() {
    return dropMode;
  }

  public Duration hold() {
    return hold;
  }

  public int copies() {
    return copies;
  }

  public Duration delay() {
    return delay;
  }

  public int events() {
    return events;
  }

  /** For {@link FaultKind#WEBHOOK_REORDER}, the named transaction or {@code null}. */
  public String transactionId() {
    return transactionId;
  }

  public Duration maxHold() {
    return maxHold;
  }

  Fault withTimes(int remaining) {
    Fault f = copy();
    f.times = remaining;
    return f;
  }

  private void require(FaultKind expected, String method) {
    if (kind != expected) {
      throw new IllegalStateException(method + " applies to " + expected.wireName() + " faults");
    }
  }

  private Fault validated() {
    try {
      validate("");
    } catch (SandboxApiException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
    return this;
  }

  private void validate(String prefix) {
    check(times >= 1 && times <= 1000, prefix, "times", "times must be 1 to 1000");
    switch (kind) {
      case ERROR:
        check(
            Set.of(429, 500, 502, 503, 504).contains(status),
            prefix,
            "status",
            "status must be 429, 500, 502, 503 or 504");
        check(
            retryAfterSeconds >= 0 && retryAfterSeconds <= 3600,
            prefix,
            "retryAfterSeconds",
            "retryAfterSeconds must be 0 to 3600");
        break;
      case LATENCY:
        check(between(latency, 1, 60_000), prefix, "latencyMs", "latencyMs must be 1 to 60000");
        break;
      case DROP_RESPONSE:
        check(between(hold, 1, 120_000), prefix, "holdMs", "holdMs must be 1 to 120000");
        break;
      case WEBHOOK_DUPLICATE:
        check(copies >= 2 && copies <= 10, prefix, "copies", "copies must be 2 to 10");
        break;
      case WEBHOOK_DELAY:
        check(between(delay, 1, 60_000), prefix, "delayMs", "delayMs must be 1 to 60000");
        break;
      case WEBHOOK_REORDER:
        check(events >= 2 && events <= 20, prefix, "events", "events must be 2 to 20");
        check(between(maxHold, 1, 120_000), prefix, "maxHoldMs", "maxHoldMs must be 1 to 120000");
        break;
      default:
        break;
    }
    if (kind.isHttp()) {
      check(endpoint != null, prefix, "endpoint", "endpoint is required");
      endpoint = endpoint.trim();
      endpointKey = normalizeEndpoint(endpoint);
    }
  }

  private static boolean between(Duration d, long minMillis, long maxMillis) {
    return d != null && d.toMillis() >= minMillis && d.toMillis() <= maxMillis;
  }

  private static void check(boolean ok, String prefix, String param, String message) {
    if (!ok) {
      throw SandboxApiException.invalidRequest(message + ".", prefix + param);
    }
  }

  /** {@code "post /v1/payments/{id}"} becomes {@code "POST /v1/payments/{}"}; {@code "*"} stays. */
  static String normalizeEndpoint(String endpoint) {
    String trimmed = endpoint.trim();
    if (trimmed.equals(ANY_ENDPOINT)) {
      return ANY_ENDPOINT;
    }
    String[] parts = trimmed.split("\\s+");
    if (parts.length != 2 || !parts[1].startsWith("/")) {
      throw SandboxApiException.invalidRequest(
          "endpoint must be \"*\" or \"METHOD /path\", e.g. \"POST /v1/payments\".", "endpoint");
    }
    return parts[0].toUpperCase(Locale.ROOT) + " " + parts[1].replaceAll("\\{[^/}]*}", "{}");
  }

  /** Parses one fault object of the faults JSON; {@code prefix} names it in errors. */
  static Fault fromJson(JsonNode node, String prefix) {
    if (node == null || !node.isObject()) {
      throw SandboxApiException.invalidRequest("A fault must be a JSON object.", stem(prefix));
    }
    JsonNode kindNode = node.get("kind");
    if (kindNode == null || !kindNode.isTextual()) {
      throw SandboxApiException.invalidRequest("kind is required.", prefix + "kind");
    }
    FaultKind kind =
        FaultKind.fromWire(kindNode.textValue())
            .orElseThrow(
                () ->
                    SandboxApiException.invalidRequest(
                        "Unknown fault kind '" + kindNode.textValue() + "'.", prefix + "kind"));
    Set<String> allowed = new HashSet<>(Set.of("kind"));
    if (kind != FaultKind.EXPIRE_TOKENS && kind != FaultKind.WEBHOOK_REORDER) {
      allowed.add("times");
    }
    if (kind.isHttp()) {
      allowed.add("endpoint");
    }
    switch (kind) {
      case ERROR:
        allowed.addAll(Set.of("status", "retryAfterSeconds", "afterAction"));
        break;
      case LATENCY:
        allowed.add("latencyMs");
        break;
      case DROP_RESPONSE:
        allowed.addAll(Set.of("mode", "holdMs", "afterAction"));
        break;
      case WEBHOOK_DUPLICATE:
        allowed.add("copies");
        break;
      case WEBHOOK_DELAY:
        allowed.add("delayMs");
        break;
      case WEBHOOK_REORDER:
        allowed.addAll(Set.of("events", "transactionId", "maxHoldMs"));
        break;
      default:
        break;
    }
    Json.rejectUnknownFields(node, prefix, allowed);

    Fault f = new Fault(kind);
    f.times = intField(node, "times", f.times, prefix);
    if (node.has("endpoint")) {
      f.endpoint = textField(node, "endpoint", prefix);
    }
    f.status = intField(node, "status", 0, prefix);
    f.retryAfterSeconds = intField(node, "retryAfterSeconds", f.retryAfterSeconds, prefix);
    // A dropped response is the provider's answer lost after it acted, unless asked otherwise.
    f.afterAction = kind == FaultKind.DROP_RESPONSE;
    if (node.has("afterAction")) {
      JsonNode after = node.get("afterAction");
      if (!after.isBoolean()) {
        throw SandboxApiException.invalidRequest(
            "afterAction must be true or false.", prefix + "afterAction");
      }
      f.afterAction = after.booleanValue();
    }
    f.latency = Duration.ofMillis(intField(node, "latencyMs", 0, prefix));
    if (node.has("mode")) {
      String mode = textField(node, "mode", prefix);
      if (mode.equals("hold")) {
        f.dropMode = DropMode.HOLD;
      } else if (mode.equals("close")) {
        f.dropMode = DropMode.CLOSE;
      } else {
        throw SandboxApiException.invalidRequest(
            "mode must be \"hold\" or \"close\".", prefix + "mode");
      }
    }
    f.hold = Duration.ofMillis(intField(node, "holdMs", (int) f.hold.toMillis(), prefix));
    f.copies = intField(node, "copies", f.copies, prefix);
    f.delay = Duration.ofMillis(intField(node, "delayMs", 0, prefix));
    f.events = intField(node, "events", f.events, prefix);
    if (node.has("transactionId")) {
      f.transactionId = textField(node, "transactionId", prefix);
    }
    f.maxHold = Duration.ofMillis(intField(node, "maxHoldMs", (int) f.maxHold.toMillis(), prefix));
    try {
      f.validate(prefix);
    } catch (SandboxApiException e) {
      if ("endpoint".equals(e.param())) {
        throw SandboxApiException.invalidRequest(e.getMessage(), prefix + "endpoint");
      }
      throw e;
    }
    return f;
  }

  private static String stem(String prefix) {
    return prefix.isEmpty() ? null : prefix.substring(0, prefix.length() - 1);
  }

  private static int intField(JsonNode node, String name, int fallback, String prefix) {
    JsonNode value = node.get(name);
    if (value == null) {
      return fallback;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw SandboxApiException.invalidRequest(name + " must be an integer.", prefix + name);
    }
    return value.intValue();
  }

  private static String textField(JsonNode node, String name, String prefix) {
    JsonNode value = node.get(name);
    if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
      throw SandboxApiException.invalidRequest(name + " must be a string.", prefix + name);
    }
    return value.textValue();
  }

  /** The fault as JSON, with {@code times} the calls or events it still affects. */
  ObjectNode toJson(String id) {
    ObjectNode node = Json.object();
    if (id != null) {
      node.put("id", id);
    }
    node.put("kind", kind.wireName());
    if (kind.isHttp()) {
      node.put("endpoint", endpoint);
    }
    if (kind != FaultKind.EXPIRE_TOKENS && kind != FaultKind.WEBHOOK_REORDER) {
      node.put("times", times);
    }
    switch (kind) {
      case ERROR:
        node.put("status", status);
        if (status == 429) {
          node.put("retryAfterSeconds", retryAfterSeconds);
        }
        node.put("afterAction", afterAction);
        break;
      case LATENCY:
        node.put("latencyMs", latency.toMillis());
        break;
      case DROP_RESPONSE:
        node.put("mode", dropMode.name().toLowerCase(Locale.ROOT));
        node.put("holdMs", hold.toMillis());
        node.put("afterAction", afterAction);
        break;
      case WEBHOOK_DUPLICATE:
        node.put("copies", copies);
        break;
      case WEBHOOK_DELAY:
        node.put("delayMs", delay.toMillis());
        break;
      case WEBHOOK_REORDER:
        node.put("events", events);
        node.put("transactionId", transactionId);
        node.put("maxHoldMs", maxHold.toMillis());
        break;
      default:
        break;
    }
    return node;
  }

  @Override
  public String toString() {
    return "Fault" + toJson(null);
  }
}
