package dev.paykit.stripefake;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.paykit.stripefake.FakeStripeFaults.Route;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A fake Stripe: the subset of Stripe's API v1 that Paykit's Stripe adapter uses, on a loopback
 * port, for tests and the demo. Form-encoded requests, JSON answers in Stripe's shapes, a bearer
 * secret key, {@code Request-Id} on every answer, Stripe's error object, its idempotency rules, and
 * signed events ({@code Stripe-Signature: t=…,v1=…}).
 *
 * <p>Endpoints: {@code POST /v1/payment_intents}, {@code GET /v1/payment_intents/{id}}, {@code GET
 * /v1/payment_intents/search} (only {@code metadata['key']:'value'}, newest first), {@code POST
 * /v1/payment_intents/{id}/cancel}, {@code POST /v1/refunds}, {@code GET /v1/refunds/{id}}, {@code
 * GET /v1/disputes/{id}}, {@code POST /v1/disputes/{id}} ({@code evidence[...]}, {@code submit})
 * and {@code POST /v1/files} (multipart, as Stripe's {@code files.stripe.com} takes it, on the same
 * port); and a payment page of its own, {@code GET /checkout?payment_intent=pi_…}, with Pay,
 * Decline and Cancel buttons, that redirects to the intent's {@code return_url} with {@code
 * payment_intent} and {@code redirect_status} added, as Stripe's redirects do.
 *
 * <p>What the customer, the issuer, the banks and time do is moved by the Java methods {@link
 * #succeed}, {@link #decline}, {@link #requireAction}, {@link #cancel}, {@link #abandon}, {@link
 * #settleRefund}, {@link #openDispute} and {@link #closeDispute}, each with the events Stripe sends
 * for it. Where it departs from Stripe: a {@code return_url} is taken without {@code confirm}
 * (there is no payment method to confirm with), an intent created is never charged until {@link
 * #succeed}, a refund is {@code pending} until {@link #settleRefund}, there are no charge objects,
 * files are only counted, and a dispute past its evidence deadline answers {@code 400
 * evidence_deadline_passed} (Stripe documents no code for it).
 */
public final class FakeStripe implements AutoCloseable {

  /** The API version the fake's objects and events are shaped after. */
  public static final String API_VERSION = "2024-06-20";

  private static final ObjectMapper JSON =
      new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHANUMERIC =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  /** Room for a 4 MiB evidence file and its multipart framing. */
  private static final int MAX_BODY = 5 << 20;

  private static final Set<String> OPEN =
      Set.of("requires_payment_method", "requires_confirmation", "requires_action", "processing");
  private static final Set<String> CANCELLATION_REASONS =
      Set.of("duplicate", "fraudulent", "requested_by_customer", "abandoned");
  private static final Set<String> REFUND_REASONS =
      Set.of("duplicate", "fraudulent", "requested_by_customer");
  private static final Pattern SEARCH =
      Pattern.compile("metadata\\['((?:[^'\\\\]|\\\\.)*)'\\]:'((?:[^'\\\\]|\\\\.)*)'");

  /** A PaymentIntent as Stripe writes it (the fields Paykit reads, and a few more). */
  public record PaymentIntent(
      String id,
      String object,
      long amount,
      String currency,
      String status,
      Map<String, String> metadata,
      String description,
      String returnUrl,
      String clientSecret,
      String cancellationReason,
      PaymentError lastPaymentError,
      long created,
      boolean livemode) {
    PaymentIntent moved(String newStatus, String reason, PaymentError error) {
      return new PaymentIntent(
          id,
          object,
          amount,
          currency,
          newStatus,
          metadata,
          description,
          returnUrl,
          clientSecret,
          reason,
          error,
          created,
          livemode);
    }
  }

  /** {@code last_payment_error}: why the last attempt to pay failed. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PaymentError(String type, String code, String declineCode, String message) {}

  public record Refund(
      String id,
      String object,
      long amount,
      String currency,
      String paymentIntent,
      String status,
      String reason,
      Map<String, String> metadata,
      long created) {}

  public record Dispute(
      String id,
      String object,
      long amount,
      String currency,
      String paymentIntent,
      String reason,
      String status,
      EvidenceDetails evidenceDetails,
      Map<String, String> evidence,
      long created,
      boolean livemode) {}

  public record EvidenceDetails(
      long dueBy, boolean hasEvidence, boolean pastDue, int submissionCount) {}

  /** An uploaded file: the fake keeps its size and digest, not its bytes. */
  public record StripeFile(
      String id, String object, String purpose, String filename, long size, long created) {}

  /** An event as it was first signed: its body and its {@code Stripe-Signature} header. */
  public record SignedEvent(String id, String type, byte[] body, String signature) {
    public SignedEvent {
      body = body.clone();
    }

    @Override
    public byte[] body() {
      return body.clone();
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ErrorObject(String type, String code, String declineCode, String message, String param) {}

  record ErrorBody(ErrorObject error) {}

  record Answer(int status, byte[] body, Map<String, String> headers) {}

  /** A refusal in Stripe's error shape. */
  static final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final transient ErrorObject error;
    final Boolean shouldRetry;
    final Duration retryAfter;

    ApiError(int status, String type, String code, String message, String param) {
      this(status, new ErrorObject(type, code, null, message, param), null, null);
    }

    ApiError(int status, ErrorObject error, Boolean shouldRetry, Duration retryAfter) {
      super(error.message(), null, false, false);
      this.status = status;
      this.error = error;
      this.shouldRetry = shouldRetry;
      this.retryAfter = retryAfter;
    }

    Answer answer() {
      Map<String, String> headers = new LinkedHashMap<>();
      if (shouldRetry != null) {
        headers.put("Stripe-Should-Retry", shouldRetry.toString());
      }
      if (retryAfter != null) {
        headers.put("Retry-After", Long.toString(retryAfter.toSeconds()));
      }
      return new Answer(status, write(new ErrorBody(error)), headers);
    }

    static ApiError invalid(String code, String message, String param) {
      return new ApiError(400, "invalid_request_error", code, message, param);
    }

    static ApiError missing(String kind, String id, String param) {
      return new ApiError(
          404, "invalid_request_error", "resource_missing", "No such " + kind + ": " + id, param);
    }
  }

  /** An idempotency key: its request's fingerprint and, once the request ran, its answer. */
  private static final class Stored {
    final String fingerprint;
    final Instant at;
    Answer answer;

    Stored(String fingerprint, Instant at) {
      this.fingerprint = fingerprint;
      this.at = at;
    }
  }

  private final FakeStripeConfig config;
  private final HttpServer server;
  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private final ExecutorService deliveries = Executors.newSingleThreadExecutor();
  private final HttpClient webhookClient =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final FakeStripeFaults faults = new FakeStripeFaults();
  private final Map<String, PaymentIntent> intents = new LinkedHashMap<>();
  private final Map<String, Refund> refunds = new LinkedHashMap<>();
  private final Map<String, Dispute> disputes = new LinkedHashMap<>();
  private final Map<String, StripeFile> files = new LinkedHashMap<>();
  private final Map<String, Stored> keys = new HashMap<>();
  private final List<SignedEvent> events = new ArrayList<>();
  private volatile URI webhookUrl;

  private FakeStripe(FakeStripeConfig config) throws IOException {
    this.config = config;
    this.webhookUrl = config.webhookUrl();
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(handlers);
    server.createContext("/", this::handle);
    server.start();
  }

  public static FakeStripe start() {
    return start(FakeStripeConfig.defaults());
  }

  public static FakeStripe start(FakeStripeConfig config) {
    try {
      return new FakeStripe(config);
    } catch (IOException e) {
      throw new UncheckedIOException("the fake Stripe could not listen on loopback", e);
    }
  }

  /** {@code http://127.0.0.1:<port>}: the base of {@code /v1/...} and {@code /checkout}. */
  public URI baseUri() {
    return URI.create(
        "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
  }

  public FakeStripeConfig config() {
    return config;
  }

  public FakeStripeFaults faults() {
    return faults;
  }

  /** Where later events are posted; {@code null} stops posting. */
  public void webhookUrl(URI url) {
    this.webhookUrl = url;
  }

  // The ledger: what the fake really created, read from its own records.

  /** Every intent created, oldest first, as it is now. */
  public synchronized List<PaymentIntent> paymentIntents() {
    return List.copyOf(intents.values());
  }

  /** Every refund created, oldest first. */
  public synchronized List<Refund> refunds() {
    return List.copyOf(refunds.values());
  }

  public synchronized List<Dispute> disputes() {
    return List.copyOf(disputes.values());
  }

  /** Every event, in the order it happened, signed as it was first sent. */
  public synchronized List<SignedEvent> events() {
    return List.copyOf(events);
  }

  // What the customer, the issuer and time do.

  /** The customer paid: {@code processing}, then {@code succeeded}, one event for each. */
  public void succeed(String intentId) {
    move(intentId, "processing", null, null, "payment_intent.processing");
    move(intentId, "succeeded", null, null, "payment_intent.succeeded");
  }

  /** The customer's bank wants them to authenticate (3-D Secure): {@code requires_action}. */
  public void requireAction(String intentId) {
    move(intentId, "requires_action", null, null, "payment_intent.requires_action");
  }

  /**
   * The issuer declined: as on Stripe, the intent goes back to {@code requires_payment_method} with
   * {@code last_payment_error} ({@code card_error}, {@code card_declined} or the decline's own
   * code, and the {@code decline_code}) and {@code payment_intent.payment_failed} is sent. The
   * customer could still pay it with another method.
   */
  public void decline(String intentId, String declineCode) {
    String code =
        Set.of("expired_card", "incorrect_cvc", "insufficient_funds").contains(declineCode)
            ? declineCode
            : "card_declined";
    PaymentError error =
        new PaymentError("card_error", code, declineCode, "Your card was declined.");
    move(intentId, "requires_payment_method", null, error, "payment_intent.payment_failed");
  }

  /** The merchant cancelled at the customer's request: {@code requested_by_customer}. */
  public void cancel(String intentId) {
    move(intentId, "canceled", "requested_by_customer", null, "payment_intent.canceled");
  }

  /** Nobody paid in time and the intent was given up: {@code canceled}, {@code abandoned}. */
  public void abandon(String intentId) {
    move(intentId, "canceled", "abandoned", null, "payment_intent.canceled");
  }

  /** The bank paid the refund out: {@code succeeded}, and {@code refund.updated}. */
  public synchronized Refund settleRefund(String refundId) {
    Refund refund = refunds.get(refundId);
    if (refund == null) {
      throw new IllegalArgumentException("no such refund");
    }
    if (!"pending".equals(refund.status())) {
      throw new IllegalStateException("the refund is " + refund.status() + " already");
    }
    Refund settled =
        new Refund(
            refund.id(),
            refund.object(),
            refund.amount(),
            refund.currency(),
            refund.paymentIntent(),
            "succeeded",
            refund.reason(),
            refund.metadata(),
            refund.created());
    refunds.put(refundId, settled);
    publish("refund.updated", settled, null);
    return settled;
  }

  /** The cardholder disputes a succeeded intent's whole amount: {@code charge.dispute.created}. */
  public synchronized Dispute openDispute(String intentId, String reason) {
    return openDispute(intentId, intent(intentId).amount(), reason);
  }

  /**
   * The cardholder disputes {@code amount} of a succeeded intent: {@code charge.dispute.created}.
   */
  public synchronized Dispute openDispute(String intentId, long amount, String reason) {
    PaymentIntent intent = intent(intentId);
    if (!"succeeded".equals(intent.status())) {
      throw new IllegalStateException("only a succeeded intent can be disputed");
    }
    if (amount < 1 || amount > intent.amount()) {
      throw new IllegalArgumentException("a dispute is of 1 to the intent's amount");
    }
    long now = now();
    Dispute dispute =
        new Dispute(
            newId("dp_"),
            "dispute",
            amount,
            intent.currency(),
            intent.id(),
            reason,
            "needs_response",
            new EvidenceDetails(now + config.evidenceWindow().toSeconds(), false, false, 0),
            Map.of(),
            now,
            false);
    disputes.put(dispute.id(), dispute);
    publish("charge.dispute.created", dispute, null);
    return dispute;
  }

  /** The bank decided: {@code won} or {@code lost}, and {@code charge.dispute.closed}. */
  public synchronized Dispute closeDispute(String disputeId, boolean won) {
    Dispute dispute = disputes.get(disputeId);
    if (dispute == null) {
      throw new IllegalArgumentException("no such dispute");
    }
    if (Set.of("won", "lost").contains(dispute.status())) {
      throw new IllegalStateException("the dispute is closed already");
    }
    Dispute closed = withStatus(dispute, won ? "won" : "lost", dispute.evidence());
    disputes.put(disputeId, closed);
    publish("charge.dispute.closed", closed, null);
    return closed;
  }

  private synchronized void move(
      String intentId, String status, String reason, PaymentError error, String eventType) {
    PaymentIntent intent = intent(intentId);
    if (!OPEN.contains(intent.status())) {
      throw new IllegalStateException("the intent is " + intent.status() + " already");
    }
    PaymentIntent moved = intent.moved(status, reason, error);
    intents.put(intentId, moved);
    publish(eventType, moved, null);
  }

  private PaymentIntent intent(String id) {
    PaymentIntent intent = intents.get(id);
    if (intent == null) {
      throw new IllegalArgumentException("no such payment intent");
    }
    return intent;
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
    deliveries.shutdownNow();
  }

  // HTTP

  private void handle(HttpExchange exchange) {
    try (exchange) {
      exchange.getResponseHeaders().set("Request-Id", newId("req_"));
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      Map<String, String> params;
      try {
        params =
            !"POST".equals(method)
                ? form(exchange.getRequestURI().getRawQuery())
                : contentType != null && contentType.startsWith("multipart/form-data")
                    ? multipart(contentType, exchange.getRequestBody().readNBytes(MAX_BODY))
                    : form(new String(exchange.getRequestBody().readNBytes(MAX_BODY), UTF8));
      } catch (ApiError e) {
        afterActing(exchange, null, e.answer());
        return;
      }
      if (path.startsWith("/checkout")) {
        checkout(exchange, method, path, params);
        return;
      }
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      Route route = Route.of(method, path);
      FakeStripeFaults.Fault fault = route == null ? null : faults.draw(route, key);
      if (fault instanceof FakeStripeFaults.CloseFirst) {
        exchange.close();
        return;
      }
      Answer answer;
      try {
        if (fault instanceof FakeStripeFaults.Refuse r) {
          throw new ApiError(
              r.status(),
              new ErrorObject(r.type(), r.code(), null, "Injected fault.", null),
              r.shouldRetry(),
              r.retryAfter());
        }
        authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
        Supplier<Answer> checked = route(method, path, params, key);
        Supplier<Answer> action =
            fault instanceof FakeStripeFaults.Stall stall
                ? () -> {
                  sleep(stall.hold());
                  return checked.get();
                }
                : checked;
        answer =
            "POST".equals(method) && key != null
                ? idempotent(key, method + " " + path + " " + new TreeMap<>(params), action)
                : action.get();
      } catch (ApiError e) {
        answer = e.answer();
      } catch (RuntimeException e) {
        answer =
            new ApiError(
                    500,
                    new ErrorObject("api_error", null, null, "The fake failed.", null),
                    null,
                    null)
                .answer();
      }
      afterActing(exchange, fault, answer);
    } catch (IOException e) {
      // The client went away, or a fault cut the exchange: nothing left to answer.
    }
  }

  private void afterActing(HttpExchange exchange, FakeStripeFaults.Fault fault, Answer answer)
      throws IOException {
    if (fault instanceof FakeStripeFaults.Drop drop) {
      sleep(drop.hold());
      // Closing an exchange whose headers were never sent closes the connection unanswered.
      exchange.close();
      return;
    }
    if (fault instanceof FakeStripeFaults.Close) {
      exchange.close();
      return;
    }
    answer.headers().forEach(exchange.getResponseHeaders()::set);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), answer.body().length);
    try (OutputStream out = exchange.getResponseBody()) {
      if (fault instanceof FakeStripeFaults.Slow slow) {
        Duration perByte = slow.bodyTime().dividedBy(Math.max(1, answer.body().length));
        for (byte b : answer.body()) {
          out.write(b);
          out.flush();
          sleep(perByte);
        }
      } else {
        out.write(answer.body());
      }
    }
  }

  private void authenticate(String authorization) {
    String given = null;
    if (authorization != null && authorization.startsWith("Bearer ")) {
      given = authorization.substring(7);
    } else if (authorization != null && authorization.startsWith("Basic ")) {
      try {
        String user = new String(Base64.getDecoder().decode(authorization.substring(6)), UTF8);
        given = user.endsWith(":") ? user.substring(0, user.length() - 1) : user;
      } catch (IllegalArgumentException e) {
        given = null;
      }
    }
    if (given == null
        || !MessageDigest.isEqual(given.getBytes(UTF8), config.apiKey().getBytes(UTF8))) {
      throw new ApiError(401, "invalid_request_error", null, "Invalid API Key provided.", null);
    }
  }

  private Answer idempotent(String key, String fingerprint, Supplier<Answer> action) {
    Stored stored;
    synchronized (this) {
      Instant now = config.clock().instant();
      keys.values().removeIf(s -> s.answer != null && s.at.plus(config.keyMemory()).isBefore(now));
      stored = keys.get(key);
      if (stored == null) {
        stored = new Stored(fingerprint, now);
        keys.put(key, stored);
      } else if (stored.answer == null) {
        throw new ApiError(
            409,
            new ErrorObject(
                "idempotency_error",
                "idempotency_key_in_use",
                null,
                "There is currently another in-progress request using this Idempotent Key.",
                null),
            true,
            null);
      } else if (!stored.fingerprint.equals(fingerprint)) {
        throw new ApiError(
            400,
            "idempotency_error",
            null,
            "Keys for idempotent requests can only be used with the same parameters they were"
                + " first used with.",
            null);
      } else {
        Map<String, String> headers = new LinkedHashMap<>(stored.answer.headers());
        headers.put("Idempotent-Replayed", "true");
        return new Answer(stored.answer.status(), stored.answer.body(), headers);
      }
    }
    Answer answer;
    try {
      answer = action.get();
    } catch (ApiError e) {
      // Stripe keeps the answer of a request that began executing, refusals included.
      answer = e.answer();
    } catch (RuntimeException e) {
      synchronized (this) {
        keys.remove(key);
      }
      throw e;
    }
    synchronized (this) {
      stored.answer = answer;
    }
    return answer;
  }

  /** Checks the request, then returns what carries it out (after the key is reserved). */
  private Supplier<Answer> route(
      String method, String path, Map<String, String> params, String key) {
    String[] parts = path.startsWith("/v1/") ? path.split("/", -1) : new String[0];
    if ("POST".equals(method) && "/v1/payment_intents".equals(path)) {
      allow(params, Set.of("amount", "currency", "description", "return_url", "confirm"));
      long amount = amount(params.get("amount"), true);
      String currency = currency(params.get("currency"));
      Map<String, String> metadata = metadata(params);
      if ("true".equals(params.get("confirm"))) {
        throw ApiError.invalid(
            "parameter_missing",
            "A payment_method is needed to confirm; this fake takes none.",
            "payment_method");
      }
      return () -> ok(create(amount, currency, metadata, params, key));
    }
    if ("POST".equals(method) && "/v1/files".equals(path)) {
      allow(params, Set.of("purpose", "file", "file.name", "file.size"));
      if (!"dispute_evidence".equals(params.get("purpose")) || !params.containsKey("file")) {
        throw ApiError.invalid(
            "parameter_missing", "This fake takes a file with purpose dispute_evidence.", "file");
      }
      return () -> ok(file(params));
    }
    if ("GET".equals(method) && "/v1/payment_intents/search".equals(path)) {
      return () -> ok(search(params));
    }
    if (parts.length == 4 && "payment_intents".equals(parts[2]) && "GET".equals(method)) {
      return () -> ok(found(parts[3]));
    }
    if (parts.length == 5 && "payment_intents".equals(parts[2]) && "cancel".equals(parts[4])) {
      requirePost(method);
      allow(params, Set.of("cancellation_reason"));
      String reason = params.getOrDefault("cancellation_reason", "requested_by_customer");
      if (!CANCELLATION_REASONS.contains(reason)) {
        throw ApiError.invalid("parameter_invalid", "Invalid cancellation_reason.", "reason");
      }
      return () -> ok(cancelled(parts[3], reason, key));
    }
    if ("POST".equals(method) && "/v1/refunds".equals(path)) {
      allow(params, Set.of("payment_intent", "amount", "reason"));
      metadata(params);
      if (params.get("payment_intent") == null) {
        throw ApiError.invalid(
            "parameter_missing", "Missing required param: payment_intent.", "payment_intent");
      }
      if (params.containsKey("reason") && !REFUND_REASONS.contains(params.get("reason"))) {
        throw ApiError.invalid("parameter_invalid", "Invalid reason.", "reason");
      }
      Long amount = params.containsKey("amount") ? amount(params.get("amount"), true) : null;
      return () -> ok(refund(params, amount, key));
    }
    if (parts.length == 4 && "refunds".equals(parts[2]) && "GET".equals(method)) {
      return () -> {
        synchronized (this) {
          Refund refund = refunds.get(parts[3]);
          if (refund == null) {
            throw ApiError.missing("refund", parts[3], "id");
          }
          return ok(refund);
        }
      };
    }
    if (parts.length == 4 && "disputes".equals(parts[2])) {
      if ("GET".equals(method)) {
        return () -> ok(dispute(parts[3]));
      }
      requirePost(method);
      for (String name : params.keySet()) {
        if (!name.startsWith("evidence[")
            && !name.startsWith("metadata[")
            && !"submit".equals(name)) {
          throw ApiError.invalid("parameter_unknown", "Received unknown parameter: " + name, name);
        }
      }
      return () -> ok(evidence(parts[3], params, key));
    }
    throw new ApiError(
        404, "invalid_request_error", null, "Unrecognized request URL (" + method + ").", null);
  }

  private static void requirePost(String method) {
    if (!"POST".equals(method)) {
      throw new ApiError(
          404, "invalid_request_error", null, "Unrecognized request URL (" + method + ").", null);
    }
  }

  private synchronized PaymentIntent create(
      long amount,
      String currency,
      Map<String, String> metadata,
      Map<String, String> p,
      String key) {
    String id = newId("pi_");
    PaymentIntent intent =
        new PaymentIntent(
            id,
            "payment_intent",
            amount,
            currency,
            "requires_payment_method",
            metadata,
            p.get("description"),
            p.get("return_url"),
            id + "_secret_" + random(24),
            null,
            null,
            now(),
            false);
    intents.put(id, intent);
    publish("payment_intent.created", intent, key);
    return intent;
  }

  private synchronized PaymentIntent found(String id) {
    PaymentIntent intent = intents.get(id);
    if (intent == null) {
      throw ApiError.missing("payment_intent", id, "intent");
    }
    return intent;
  }

  private synchronized PaymentIntent cancelled(String id, String reason, String key) {
    PaymentIntent intent = found(id);
    if (!OPEN.contains(intent.status())) {
      throw ApiError.invalid(
          "payment_intent_unexpected_state",
          "You cannot cancel this PaymentIntent because it has a status of "
              + intent.status()
              + ".",
          null);
    }
    PaymentIntent moved = intent.moved("canceled", reason, intent.lastPaymentError());
    intents.put(id, moved);
    publish("payment_intent.canceled", moved, key);
    return moved;
  }

  private synchronized Map<String, Object> search(Map<String, String> params) {
    Matcher query = SEARCH.matcher(params.getOrDefault("query", ""));
    if (!query.matches()) {
      throw ApiError.invalid(
          "parameter_invalid", "This fake searches only metadata['key']:'value'.", "query");
    }
    String key = unescape(query.group(1));
    String value = unescape(query.group(2));
    int limit = (int) limit(params.get("limit"));
    List<PaymentIntent> matches = new ArrayList<>();
    List<PaymentIntent> all = new ArrayList<>(intents.values());
    for (int i = all.size() - 1; i >= 0; i--) {
      if (value.equals(all.get(i).metadata().get(key))) {
        matches.add(all.get(i));
      }
    }
    int from = 0;
    String page = params.get("page");
    if (page != null) {
      String next = new String(decodePage(page), UTF8);
      from = -1;
      for (int i = 0; i < matches.size(); i++) {
        if (matches.get(i).id().equals(next)) {
          from = i;
        }
      }
      if (from < 0) {
        throw ApiError.invalid("parameter_invalid", "Invalid page.", "page");
      }
    }
    int to = Math.min(matches.size(), from + limit);
    boolean more = to < matches.size();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("object", "search_result");
    result.put("url", "/v1/payment_intents/search");
    result.put("has_more", more);
    result.put("data", matches.subList(from, to));
    result.put(
        "next_page",
        more
            ? Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(matches.get(to).id().getBytes(UTF8))
            : null);
    return result;
  }

  private static byte[] decodePage(String page) {
    try {
      return Base64.getUrlDecoder().decode(page);
    } catch (IllegalArgumentException e) {
      throw ApiError.invalid("parameter_invalid", "Invalid page.", "page");
    }
  }

  private synchronized Refund refund(Map<String, String> params, Long requested, String key) {
    String intentId = params.get("payment_intent");
    PaymentIntent intent = intents.get(intentId);
    if (intent == null) {
      throw ApiError.missing("payment_intent", intentId, "payment_intent");
    }
    if (!"succeeded".equals(intent.status())) {
      throw ApiError.invalid(
          "payment_intent_unexpected_state",
          "This PaymentIntent does not have a successful charge to refund.",
          "payment_intent");
    }
    long left = intent.amount();
    for (Refund r : refunds.values()) {
      if (r.paymentIntent().equals(intentId)) {
        left -= r.amount();
      }
    }
    for (Dispute d : disputes.values()) {
      if (d.paymentIntent().equals(intentId) && !"won".equals(d.status())) {
        left -= d.amount();
      }
    }
    long amount = requested == null ? left : requested;
    if (left <= 0) {
      throw ApiError.invalid(
          "charge_already_refunded", "This charge has already been refunded.", "amount");
    }
    if (amount > left) {
      throw ApiError.invalid(
          "amount_too_large",
          "Refund amount is greater than the amount left to refund (" + left + ").",
          "amount");
    }
    Refund refund =
        new Refund(
            newId("re_"),
            "refund",
            amount,
            intent.currency(),
            intentId,
            "pending",
            params.get("reason"),
            metadata(params),
            now());
    refunds.put(refund.id(), refund);
    publish("refund.created", refund, key);
    return refund;
  }

  private synchronized Dispute dispute(String id) {
    Dispute dispute = disputes.get(id);
    if (dispute == null) {
      throw ApiError.missing("dispute", id, "dispute");
    }
    return dispute;
  }

  private synchronized StripeFile file(Map<String, String> params) {
    StripeFile file =
        new StripeFile(
            newId("file_"),
            "file",
            params.get("purpose"),
            params.get("file.name"),
            Long.parseLong(params.get("file.size")),
            now());
    files.put(file.id(), file);
    return file;
  }

  private synchronized Dispute evidence(String id, Map<String, String> params, String key) {
    Dispute dispute = dispute(id);
    for (Map.Entry<String, String> field : params.entrySet()) {
      if (field.getKey().endsWith("_file]") && !files.containsKey(field.getValue())) {
        throw ApiError.missing("file", field.getValue(), field.getKey());
      }
    }
    if (!Set.of("needs_response", "warning_needs_response").contains(dispute.status())) {
      throw ApiError.invalid(
          "dispute_not_accepting_evidence",
          "This dispute is " + dispute.status() + " and takes no more evidence.",
          "evidence");
    }
    if (now() > dispute.evidenceDetails().dueBy()) {
      throw ApiError.invalid(
          "evidence_deadline_passed", "The evidence deadline has passed.", "evidence");
    }
    Map<String, String> evidence = new TreeMap<>(dispute.evidence());
    params.forEach(
        (name, value) -> {
          if (name.startsWith("evidence[") && name.endsWith("]")) {
            evidence.put(name.substring(9, name.length() - 1), value);
          }
        });
    boolean submit = "true".equals(params.get("submit"));
    Dispute updated =
        withStatus(
            dispute, submit ? "under_review" : dispute.status(), Map.copyOf(evidence), submit);
    disputes.put(id, updated);
    publish("charge.dispute.updated", updated, key);
    return updated;
  }

  private static Dispute withStatus(Dispute d, String status, Map<String, String> evidence) {
    return withStatus(d, status, evidence, false);
  }

  private static Dispute withStatus(
      Dispute d, String status, Map<String, String> evidence, boolean submitted) {
    EvidenceDetails details = d.evidenceDetails();
    return new Dispute(
        d.id(),
        d.object(),
        d.amount(),
        d.currency(),
        d.paymentIntent(),
        d.reason(),
        status,
        new EvidenceDetails(
            details.dueBy(),
            !evidence.isEmpty(),
            details.pastDue(),
            details.submissionCount() + (submitted ? 1 : 0)),
        evidence,
        d.created(),
        d.livemode());
  }

  // The fake's own payment page

  private void checkout(
      HttpExchange exchange, String method, String path, Map<String, String> params)
      throws IOException {
    String[] parts = path.split("/", -1);
    PaymentIntent intent;
    synchronized (this) {
      intent =
          intents.get(
              "GET".equals(method)
                  ? params.get("payment_intent")
                  : parts.length == 4 ? parts[2] : "");
    }
    if (intent == null) {
      html(exchange, 404, "<p>No such payment.</p>");
      return;
    }
    if ("GET".equals(method)) {
      StringBuilder page =
          new StringBuilder("<h1>Fake Stripe</h1><p>")
              .append(intent.amount())
              .append(' ')
              .append(intent.currency().toUpperCase(java.util.Locale.ROOT))
              .append(" (minor units), ")
              .append(intent.status())
              .append("</p>");
      if (OPEN.contains(intent.status())) {
        for (String action : List.of("pay", "decline", "cancel")) {
          page.append("<form method=\"post\" action=\"/checkout/")
              .append(intent.id())
              .append('/')
              .append(action)
              .append("\"><button>")
              .append(action)
              .append("</button></form>");
        }
      }
      html(exchange, 200, page.toString());
      return;
    }
    String outcome;
    try {
      switch (parts[3]) {
        case "pay" -> {
          succeed(intent.id());
          outcome = "succeeded";
        }
        case "decline" -> {
          decline(intent.id(), params.getOrDefault("decline_code", "generic_decline"));
          outcome = "failed";
        }
        case "cancel" -> {
          cancel(intent.id());
          outcome = "canceled";
        }
        default -> {
          html(exchange, 404, "<p>No such action.</p>");
          return;
        }
      }
    } catch (IllegalStateException e) {
      html(exchange, 409, "<p>This payment is finished.</p>");
      return;
    }
    if (intent.returnUrl() == null) {
      html(exchange, 200, "<p>Done: " + outcome + ".</p>");
      return;
    }
    String location =
        intent.returnUrl()
            + (intent.returnUrl().contains("?") ? "&" : "?")
            + "payment_intent="
            + intent.id()
            + "&redirect_status="
            + outcome;
    exchange.getResponseHeaders().set("Location", location);
    exchange.sendResponseHeaders(303, -1);
  }

  private static void html(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = ("<!doctype html><title>Fake Stripe</title>" + body).getBytes(UTF8);
    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  // Events

  /** Records and sends one event; called under the lock, so events keep the order of changes. */
  private void publish(String type, Object object, String key) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("id", null);
    request.put("idempotency_key", key);
    Map<String, Object> event = new LinkedHashMap<>();
    String id = newId("evt_");
    event.put("id", id);
    event.put("object", "event");
    event.put("api_version", API_VERSION);
    event.put("created", now());
    event.put("data", Map.of("object", object));
    event.put("livemode", false);
    event.put("pending_webhooks", webhookUrl == null ? 0 : 1);
    event.put("request", request);
    event.put("type", type);
    byte[] body = write(event);
    events.add(new SignedEvent(id, type, body, signatureHeader(body, now())));
    URI url = webhookUrl;
    if (url != null) {
      deliveries.execute(() -> deliver(url, body));
    }
  }

  /** Posts an event until a 2xx, at most five times, half a second apart and doubling. */
  private void deliver(URI url, byte[] body) {
    long wait = 500;
    for (int attempt = 1; attempt <= 5; attempt++) {
      try {
        HttpResponse<Void> response =
            webhookClient.send(
                HttpRequest.newBuilder(url)
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("Stripe-Signature", signatureHeader(body, now()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 == 2) {
          return;
        }
      } catch (IOException e) {
        // Not delivered: try again.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      sleep(Duration.ofMillis(wait));
      wait *= 2;
    }
  }

  /**
   * {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">} with one {@code v1} per configured
   * secret, the key being the secret's UTF-8 bytes as Stripe's libraries use it.
   */
  public String signatureHeader(byte[] body, long timestamp) {
    StringBuilder header = new StringBuilder("t=").append(timestamp);
    for (String secret : config.webhookSecrets()) {
      header.append(",v1=").append(sign(secret, timestamp, body));
    }
    return header.toString();
  }

  /** Stripe's {@code v1} signature of {@code body} at {@code timestamp} with {@code secret}. */
  public static String sign(String secret, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(UTF8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(UTF8));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }

  // Parameters

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private static Map<String, String> form(String text) {
    Map<String, String> params = new LinkedHashMap<>();
    if (text == null || text.isEmpty()) {
      return params;
    }
    for (String pair : text.split("&")) {
      int eq = pair.indexOf('=');
      try {
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), UTF8);
        params.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), UTF8));
      } catch (IllegalArgumentException e) {
        throw ApiError.invalid("parameter_invalid", "Malformed form encoding.", null);
      }
    }
    return params;
  }

  /**
   * A {@code multipart/form-data} body as parameters: each part's value by its name, except a file,
   * which becomes its SHA-256 ({@code file}), {@code file.name} and {@code file.size}: an upload
   * repeated with its idempotency key compares equal whatever its boundary.
   */
  private static Map<String, String> multipart(String contentType, byte[] body) {
    Matcher boundary = Pattern.compile("boundary=\"?([^\";]+)").matcher(contentType);
    if (!boundary.find()) {
      throw ApiError.invalid("parameter_invalid", "Multipart without a boundary.", null);
    }
    // ISO-8859-1 keeps every byte as one char, so a file's bytes come back out unchanged.
    String text = new String(body, StandardCharsets.ISO_8859_1);
    Map<String, String> params = new LinkedHashMap<>();
    for (String part : text.split(Pattern.quote("--" + boundary.group(1)), -1)) {
      int split = part.indexOf("\r\n\r\n");
      Matcher name = Pattern.compile("\\bname=\"([^\"]*)\"").matcher(part);
      if (split < 0 || !part.endsWith("\r\n") || !name.find() || name.start() > split) {
        continue;
      }
      String value = part.substring(split + 4, part.length() - 2);
      Matcher filename = Pattern.compile("filename=\"([^\"]*)\"").matcher(part);
      if (filename.find() && filename.start() < split) {
        byte[] content = value.getBytes(StandardCharsets.ISO_8859_1);
        params.put(name.group(1) + ".name", filename.group(1));
        params.put(name.group(1) + ".size", Integer.toString(content.length));
        value = sha256(content);
      } else {
        value = new String(value.getBytes(StandardCharsets.ISO_8859_1), UTF8);
      }
      params.put(name.group(1), value);
    }
    return params;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static void allow(Map<String, String> params, Set<String> names) {
    for (String name : params.keySet()) {
      if (!names.contains(name) && !name.startsWith("metadata[")) {
        throw ApiError.invalid("parameter_unknown", "Received unknown parameter: " + name, name);
      }
    }
  }

  private static long amount(String text, boolean required) {
    if (text == null && required) {
      throw ApiError.invalid("parameter_missing", "Missing required param: amount.", "amount");
    }
    long amount;
    try {
      amount = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw ApiError.invalid("parameter_invalid_integer", "Invalid integer: amount.", "amount");
    }
    if (amount < 1) {
      throw ApiError.invalid("amount_too_small", "Amount must be at least 1.", "amount");
    }
    if (amount > 99_999_999L) {
      throw ApiError.invalid("amount_too_large", "Amount must be no more than 99999999.", "amount");
    }
    return amount;
  }

  private static long limit(String text) {
    try {
      long limit = text == null ? 10 : Long.parseLong(text);
      if (limit >= 1 && limit <= 100) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // Refused below.
    }
    throw ApiError.invalid("parameter_invalid_integer", "limit must be 1 to 100.", "limit");
  }

  private static String currency(String text) {
    if (text == null) {
      throw ApiError.invalid("parameter_missing", "Missing required param: currency.", "currency");
    }
    if (!text.matches("[A-Za-z]{3}")) {
      throw ApiError.invalid("parameter_invalid", "Invalid currency: " + text, "currency");
    }
    return text.toLowerCase(java.util.Locale.ROOT);
  }

  /** {@code metadata[key]=value}: at most 50 keys of 40 characters, values of 500. */
  private static Map<String, String> metadata(Map<String, String> params) {
    Map<String, String> metadata = new TreeMap<>();
    params.forEach(
        (name, value) -> {
          if (name.startsWith("metadata[") && name.endsWith("]")) {
            String key = name.substring(9, name.length() - 1);
            if (key.isEmpty() || key.length() > 40 || value.length() > 500) {
              throw ApiError.invalid(
                  "parameter_invalid", "Metadata keys are 1-40 and values 0-500 characters.", name);
            }
            metadata.put(key, value);
          }
        });
    if (metadata.size() > 50) {
      throw ApiError.invalid("parameter_invalid", "At most 50 metadata keys.", "metadata");
    }
    return Map.copyOf(metadata);
  }

  private static String unescape(String quoted) {
    return quoted.replaceAll("\\\\(.)", "$1");
  }

  private static Answer ok(Object object) {
    return new Answer(200, write(object), Map.of());
  }

  private static byte[] write(Object object) {
    try {
      return JSON.writeValueAsBytes(object);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the fake's own objects are always writable", e);
    }
  }

  private long now() {
    return config.clock().instant().getEpochSecond();
  }

  private static String newId(String prefix) {
    return prefix + random(24);
  }

  private static String random(int length) {
    StringBuilder id = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      id.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
    }
    return id.toString();
  }

  private static void sleep(Duration duration) {
    try {
      TimeUnit.NANOSECONDS.sleep(duration.toNanos());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Form-encodes {@code params} as Stripe's API takes them; for tests and the demo. */
  public static String encode(Map<String, String> params) {
    StringBuilder form = new StringBuilder();
    params.forEach(
        (name, value) ->
            form.append(form.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(name, UTF8))
                .append('=')
                .append(URLEncoder.encode(value, UTF8)));
    return form.toString();
  }
}
