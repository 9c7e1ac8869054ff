package dev.paykit.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/** A small HTTP client for the tests: real requests to the sandbox over loopback. */
final class SandboxClient {

  static final ObjectMapper JSON = new ObjectMapper();

  final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final URI baseUri;
  private final String clientId;
  private final String clientSecret;
  private String token;

  SandboxClient(SandboxProvider sandbox) {
    this(sandbox.baseUri(), sandbox.clientId(), sandbox.clientSecret().reveal());
  }

  /** A client of a sandbox known only by its address, with these credentials. */
  SandboxClient(URI baseUri, String clientId, String clientSecret) {
    this.baseUri = baseUri;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
  }

  URI uri(String pathAndQuery) {
    return URI.create(baseUri + pathAndQuery);
  }

  static String basic(String id, String secret) {
    return "Basic "
        + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  HttpResponse<String> requestToken(String authorization, String form) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri("/oauth/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return send(request);
  }

  /** A fresh access token for this client's credentials. */
  String newToken() {
    HttpResponse<String> response =
        requestToken(basic(clientId, clientSecret), "grant_type=client_credentials");
    if (response.statusCode() != 200) {
      throw new AssertionError("token request failed: " + response.body());
    }
    return json(response).get("access_token").asText();
  }

  String token() {
    if (token == null) {
      token = newToken();
    }
    return token;
  }

  HttpRequest.Builder authorized(String pathAndQuery) {
    return HttpRequest.newBuilder(uri(pathAndQuery)).header("Authorization", "Bearer " + token());
  }

  HttpResponse<String> get(String pathAndQuery) {
    return send(authorized(pathAndQuery).GET());
  }

  HttpResponse<String> postJson(String path, String body, String idempotencyKey) {
    HttpRequest.Builder request =
        authorized(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return send(request);
  }

  /** POSTs JSON to a sandbox-only endpoint (no token needed). */
  HttpResponse<String> sandboxPost(String path, String body) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  HttpResponse<String> createPayment(String body, String idempotencyKey) {
    return postJson("/v1/payments", body, idempotencyKey);
  }

  /** Creates a payment and returns its transaction id. */
  String createPayment(String externalId, long value, String currency) {
    HttpResponse<String> response =
        createPayment(paymentBody(externalId, value, currency), UUID.randomUUID().toString());
    if (response.statusCode() != 201) {
      throw new AssertionError("create failed: " + response.body());
    }
    return json(response).get("transactionId").asText();
  }

  String createPayment() {
    return createPayment("order-" + UUID.randomUUID(), 1050, "EUR");
  }

  HttpResponse<String> simulate(String transactionId, String outcome) {
    return sandboxPost(
        "/sandbox/payments/" + transactionId + "/simulate", "{\"outcome\":\"" + outcome + "\"}");
  }

  HttpResponse<String> refund(String transactionId, long value, String idempotencyKey) {
    return postJson(
        "/v1/payments/" + transactionId + "/refunds",
        "{\"amount\":{\"value\":"
            + value
            + ",\"currency\":\"EUR\"},\"reason\":\"requested_by_customer\"}",
        idempotencyKey);
  }

  static String paymentBody(String externalId, long value, String currency) {
    return "{\"amount\":{\"value\":"
        + value
        + ",\"currency\":\""
        + currency
        + "\"},\"externalId\":\""
        + externalId
        + "\",\"description\":\"Two concert tickets\","
        + "\"metadata\":{\"cartId\":\"c-19\",\"channel\":\"web\"},"
        + "\"successUrl\":\"https://shop.example/pay/return\","
        + "\"cancelUrl\":\"https://shop.example/pay/cancel\","
        + "\"expiresInSeconds\":900}";
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String errorCode(HttpResponse<String> response) {
    return json(response).path("error").path("code").asText(null);
  }

  static String errorParam(HttpResponse<String> response) {
    return json(response).path("error").path("param").asText(null);
  }
}
