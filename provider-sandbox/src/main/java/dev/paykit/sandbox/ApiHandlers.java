package dev.paykit.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** The endpoints of the reference API and of the sandbox, registered on a {@link Router}. */
final class ApiHandlers {

  private final PaymentBook book;
  private final TokenStore tokens;
  private final IdempotencyStore idempotency;
  private final SandboxFaults faults;
  private final Ledger ledger;
  private final WebhookDispatcher webhooks;

  ApiHandlers(
      PaymentBook book,
      TokenStore tokens,
      IdempotencyStore idempotency,
      SandboxFaults faults,
      Ledger ledger,
      WebhookDispatcher webhooks) {
    this.book = book;
    this.tokens = tokens;
    this.idempotency = idempotency;
    this.faults = faults;
    this.ledger = ledger;
    this.webhooks = webhooks;
  }

  void registerOn(Router router) {
    router.add("POST", "/oauth/token", this::token, true, false);
    router.add("POST", "/v1/payments", this::createPayment, true, true);
    router.add("GET", "/v1/payments", this::listPayments, true, false);
    router.add("GET", "/v1/payments/{transactionId}", this::getPayment, true, false);
    router.add("POST", "/v1/payments/{transactionId}/refunds", this::createRefund, true, true);
    router.add("GET", "/v1/refunds/{refundId}", this::getRefund, true, false);
    router.add(
        "GET", "/v1/customers/{customerId}/payment-methods", this::listPaymentMethods, true, false);
    router.add(
        "DELETE", "/v1/payment-methods/{paymentMethodId}", this::removePaymentMethod, true, false);
    router.add("GET", "/v1/disputes/{disputeId}", this::getDispute, true, false);
    router.add(
        "POST",
        "/v1/disputes/{disputeId}/evidence",
        this::submitEvidence,
        true,
        true,
        Router.MAX_EVIDENCE_BODY);

    router.add("GET", "/checkout/{transactionId}", this::checkoutPage, false, false);
    router.add(
        "POST",
        "/checkout/{transactionId}/pay",
        r -> this.checkoutAction(r, SimulatedOutcome.CONFIRMED),
        false,
        false);
    router.add(
        "POST",
        "/checkout/{transactionId}/decline",
        r -> this.checkoutAction(r, SimulatedOutcome.DECLINED),
        false,
        false);
    router.add(
        "POST",
        "/checkout/{transactionId}/cancel",
        r -> this.checkoutAction(r, SimulatedOutcome.CANCELLED),
        false,
        false);

    router.add("POST", "/sandbox/payments/{transactionId}/simulate", this::simulate, false, false);
    router.add(
        "POST", "/sandbox/payments/{transactionId}/dispute", this::openDispute, false, false);
    router.add("POST", "/sandbox/disputes/{disputeId}/resolve", this::resolveDispute, false, false);
    router.add(
        "POST",
        "/sandbox/payment-methods/{paymentMethodId}/next-outcome",
        this::nextOutcome,
        false,
        false);
    router.add("POST", "/sandbox/faults", this::injectFaults, false, false);
    router.add("GET", "/sandbox/faults", r -> this.listFaults(), false, false);
    router.add("DELETE", "/sandbox/faults", r -> this.clearFaults(), false, false);
    router.add("GET", "/sandbox/ledger", r -> this.ledger(), false, false);
    router.add("GET", "/sandbox/webhooks", r -> this.webhooks(), false, false);
  }

  // ---- OAuth ----

  private Response token(Request r) {
    tokens.authenticateClient(r.header("Authorization"));
    String type = r.header("Content-Type");
    if (type == null
        || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      throw SandboxApiException.invalidRequest(
          "Content-Type must be application/x-www-form-urlencoded.", "Content-Type");
    }
    Map<String, String> form = r.form();
    for (String name : form.keySet()) {
      if (!name.equals("grant_type") && !name.equals("scope")) {
        throw SandboxApiException.invalidRequest("Unknown parameter '" + name + "'.", name);
      }
    }
    if (!"client_credentials".equals(form.get("grant_type"))) {
      throw SandboxApiException.invalidRequest(
          "grant_type must be client_credentials.", "grant_type");
    }
    ObjectNode body = Json.object();
    body.put("access_token", tokens.issue());
    body.put("token_type", "Bearer");
    body.put("expires_in", tokens.ttlSeconds());
    return Response.json(200, body).withHeader("Pragma", "no-cache");
  }

  // ---- Payments ----

  private Response createPayment(Request r) {
    tokens.authenticate(r.header("Authorization"));
    String key = Requests.idempotencyKey(r.header("Idempotency-Key"));
    r.requireJson();
    ObjectNode body = Json.parseObject(r.body);
    Requests.CreatePayment request = Requests.createPayment(body);
    return idempotent(
        r,
        key,
        "POST /v1/payments",
        body,
        () -> Response.json(201, Json.payment(book.create(request, key))));
  }

  private Response getPayment(Request r) {
    tokens.authenticate(r.header("Authorization"));
    return Response.json(200, Json.payment(book.get(r.pathParam("transactionId"))));
  }

  private Response listPayments(Request r) {
    tokens.authenticate(r.header("Authorization"));
    Map<String, String> query = r.query();
    for (String name : query.keySet()) {
      if (!Set.of("externalId", "limit", "cursor").contains(name)) {
        throw SandboxApiException.invalidRequest("Unknown parameter '" + name + "'.", name);
      }
    }
    String externalId = query.get("externalId");
    if (externalId != null && (externalId.isEmpty() || externalId.length() > 64)) {
      throw SandboxApiException.invalidRequest(
          "externalId must be 1 to 64 characters.", "externalId");
    }
    int limit = 20;
    if (query.containsKey("limit")) {
      try {
        limit = Integer.parseInt(query.get("limit"));
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > 100) {
        throw SandboxApiException.invalidRequest("limit must be 1 to 100.", "limit");
      }
    }
    Long before = query.containsKey("cursor") ? decodeCursor(query.get("cursor")) : null;
    PaymentBook.Page page = book.list(externalId, limit, before);
    ObjectNode body = Json.object();
    ArrayNode data = body.putArray("data");
    page.data().forEach(p -> data.add(Json.payment(p)));
    body.put("nextCursor", page.nextBefore() == null ? null : encodeCursor(page.nextBefore()));
    return Response.json(200, body);
  }

  /** A cursor is opaque to clients: base64url of {@code before:<sequence>}. */
  static String encodeCursor(long before) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("before:" + before).getBytes(StandardCharsets.UTF_8));
  }

  static Long decodeCursor(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (text.startsWith("before:")) {
        long value = Long.parseLong(text.substring("before:".length()));
        if (value > 0) {
          return value;
        }
      }
    } catch (IllegalArgumentException e) {
      // falls through to the error below (NumberFormatException is one too)
    }
    throw SandboxApiException.invalidRequest("cursor is not a cursor this API gave.", "cursor");
  }

  // ---- Refunds ----

  private Response createRefund(Request r) {
    tokens.authenticate(r.header("Authorization"));
    String transactionId = r.pathParam("transactionId");
    String key = Requests.idempotencyKey(r.header("Idempotency-Key"));
    r.requireJson();
    ObjectNode body = Json.parseObject(r.body);
    Requests.CreateRefund request = Requests.createRefund(body);
    book.get(transactionId); // 404 before the key is taken
    return idempotent(
        r,
        key,
        "POST /v1/payments/" + transactionId + "/refunds",
        body,
        () -> Response.json(201, Json.refund(book.refund(transactionId, request, key))));
  }

  private Response getRefund(Request r) {
    tokens.authenticate(r.header("Authorization"));
    String refundId = r.pathParam("refundId");
    return Response.json(
        200,
        Json.refund(
            book.findRefund(refundId)
                .orElseThrow(() -> SandboxApiException.notFound("No refund " + refundId + "."))));
  }

  // ---- Saved payment methods ----

  private Response listPaymentMethods(Request r) {
    tokens.authenticate(r.header("Authorization"));
    String customerId = r.pathParam("customerId");
    if (customerId.isEmpty() || customerId.length() > 64) {
      throw SandboxApiException.invalidRequest(
          "customerId must be 1 to 64 characters.", "customerId");
    }
    ObjectNode body = Json.object();
    ArrayNode data = body.putArray("data");
    book.paymentMethods(customerId).forEach(m -> data.add(Json.paymentMethod(m)));
    return Response.json(200, body);
  }

  private Response removePaymentMethod(Request r) {
    tokens.authenticate(r.header("Authorization"));
    book.removePaymentMethod(r.pathParam("paymentMethodId"));
    return Response.empty(204);
  }

  private Response nextOutcome(Request r) {
    r.requireJson();
    Requests.NextOutcome outcome = Requests.nextOutcome(Json.parseObject(r.body));
    book.queueNextOutcome(r.pathParam("paymentMethodId"), outcome);
    return Response.empty(204);
  }

  // ---- Disputes ----

  private Response getDispute(Request r) {
    tokens.authenticate(r.header("Authorization"));
    return Response.json(200, Json.dispute(book.getDispute(r.pathParam("disputeId"))));
  }

  private Response submitEvidence(Request r) {
    tokens.authenticate(r.header("Authorization"));
    String disputeId = r.pathParam("disputeId");
    String key = Requests.idempotencyKey(r.header("Idempotency-Key"));
    r.requireJson();
    ObjectNode body = Json.parseObject(r.body);
    Requests.Evidence evidence = Requests.evidence(body);
    book.getDispute(disputeId); // 404 before the key is taken
    return idempotent(
        r,
        key,
        "POST /v1/disputes/" + disputeId + "/evidence",
        body,
        () -> Response.json(200, Json.dispute(book.submitEvidence(disputeId, evidence))));
  }

  private Response openDispute(Request r) {
    r.requireJson();
    Requests.OpenDispute request = Requests.openDispute(Json.parseObject(r.body));
    return Response.json(
        201, Json.dispute(book.openDispute(r.pathParam("transactionId"), request)));
  }

  private Response resolveDispute(Request r) {
    r.requireJson();
    DisputeStatus outcome = Requests.resolution(Json.parseObject(r.body));
    return Response.json(200, Json.dispute(book.resolveDispute(r.pathParam("disputeId"), outcome)));
  }

  /**
   * Runs {@code action} once per idempotency key: replays a remembered 2xx for the same request,
   * 422 for a different request with the key, 409 while the key's first request still runs.
   */
  private Response idempotent(
      Request r, String key, String scope, JsonNode body, Supplier<Response> action) {
    IdempotencyStore.Decision decision = idempotency.begin(key, Json.fingerprint(scope, body));
    switch (decision.kind()) {
      case REPLAY:
        return decision.stored().withHeader("Idempotent-Replayed", "true");
      case REUSE:
        return Response.error(
            new SandboxApiException(
                422,
                "idempotency_key_reuse",
                "This Idempotency-Key was used with a different request.",
                "Idempotency-Key",
                null));
      case IN_USE:
        return Response.error(
            new SandboxApiException(
                409,
                "idempotency_key_in_use",
                "A request with this Idempotency-Key is being processed; retry later.",
                "Idempotency-Key",
                null));
      case PROCEED:
      default:
        boolean kept = false;
        try {
          r.faults.sleepLatencyOnce();
          Response response = action.get();
          if (response.status() >= 200 && response.status() < 300) {
            idempotency.complete(key, response);
            kept = true;
          }
          return response;
        } finally {
          if (!kept) {
            idempotency.release(key);
          }
        }
    }
  }

  // ---- Hosted checkout ----

  private Response checkoutPage(Request r) {
    String transactionId = r.pathParam("transactionId");
    return book.find(transactionId)
        .map(p -> Response.html(200, CheckoutPages.page(p)))
        .orElseGet(() -> Response.html(404, CheckoutPages.message("Payment not found", "")));
  }

  private Response checkoutAction(Request r, SimulatedOutcome outcome) {
    String transactionId = r.pathParam("transactionId");
    try {
      String declineCode = null;
      if (outcome == SimulatedOutcome.DECLINED) {
        String fromForm = r.form().get("declineCode");
        declineCode = fromForm == null || fromForm.isEmpty() ? null : fromForm;
      }
      SandboxPayment payment = book.complete(transactionId, outcome, declineCode);
      URI target =
          payment.status() == PaymentStatus.CONFIRMED ? payment.successUrl() : payment.cancelUrl();
      return Response.seeOther(withTransactionId(target, transactionId));
    } catch (SandboxApiException e) {
      return Response.html(
          e.status(), CheckoutPages.message("This payment cannot be changed", e.getMessage()));
    }
  }

  /** The return URL with {@code transactionId=<tx>} added to its query. */
  static URI withTransactionId(URI uri, String transactionId) {
    String text = uri.toString();
    String fragment = "";
    int hash = text.indexOf('#');
    if (hash >= 0) {
      fragment = text.substring(hash);
      text = text.substring(0, hash);
    }
    String separator = uri.getRawQuery() == null ? "?" : "&";
    return URI.create(text + separator + "transactionId=" + transactionId + fragment);
  }

  // ---- Sandbox control ----

  private Response simulate(Request r) {
    r.requireJson();
    Requests.Simulate request = Requests.simulate(Json.parseObject(r.body));
    SandboxPayment payment =
        book.complete(r.pathParam("transactionId"), request.outcome(), request.declineCode());
    return Response.json(200, Json.payment(payment));
  }

  private Response injectFaults(Request r) {
    r.requireJson();
    ObjectNode body = Json.parseObject(r.body);
    List<Fault> parsed = new ArrayList<>();
    if (body.has("kind")) {
      parsed.add(Fault.fromJson(body, ""));
    } else {
      Json.rejectUnknownFields(body, "", Set.of("faults"));
      JsonNode list = body.get("faults");
      if (list == null || !list.isArray() || list.isEmpty()) {
        throw SandboxApiException.invalidRequest(
            "The body is one fault object or {\"faults\": [ ... ]}.", "faults");
      }
      for (int i = 0; i < list.size(); i++) {
        parsed.add(Fault.fromJson(list.get(i), "faults[" + i + "]."));
      }
    }
    faults.injectChecked(parsed, body.has("kind") ? "" : "faults");
    return listFaults();
  }

  private Response listFaults() {
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("faults");
    faults.activeJson().forEach(list::add);
    return Response.json(200, body);
  }

  private Response clearFaults() {
    faults.clear();
    return listFaults();
  }

  private Response ledger() {
    LedgerSnapshot snapshot = ledger.snapshot();
    ObjectNode body = Json.object();
    ObjectNode keys = body.putObject("idempotencyKeys");
    snapshot.byIdempotencyKey().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              ObjectNode entry = keys.putObject(e.getKey());
              entry.put("payments", e.getValue().payments());
              entry.put("refunds", e.getValue().refunds());
            });
    ObjectNode payments = body.putObject("payments");
    payments.put("created", snapshot.paymentsCreated());
    payments.put("confirmed", snapshot.paymentsConfirmed());
    body.putObject("refunds").put("created", snapshot.refundsCreated());
    ObjectNode totals = body.putObject("totals");
    snapshot.totalsByCurrency().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              ObjectNode t = totals.putObject(e.getKey());
              t.put("created", e.getValue().created());
              t.put("confirmed", e.getValue().confirmed());
              t.put("refunded", e.getValue().refunded());
            });
    return Response.json(200, body);
  }

  private Response webhooks() {
    ObjectNode body = Json.object();
    ArrayNode data = body.putArray("data");
    for (WebhookDelivery d : webhooks.deliveries()) {
      ObjectNode node = data.addObject();
      node.put("eventId", d.eventId());
      node.put("type", d.type());
      node.put("transactionId", d.transactionId());
      node.put("state", d.state().name().toLowerCase(Locale.ROOT));
      node.put("attempts", d.attemptCount());
      node.put("lastStatus", d.lastStatus());
    }
    return Response.json(200, body);
  }
}
