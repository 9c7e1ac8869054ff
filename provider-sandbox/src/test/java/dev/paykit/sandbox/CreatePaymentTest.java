package dev.paykit.sandbox;

import static dev.paykit.sandbox.SandboxClient.errorCode;
import static dev.paykit.sandbox.SandboxClient.errorParam;
import static dev.paykit.sandbox.SandboxClient.json;
import static dev.paykit.sandbox.SandboxClient.paymentBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CreatePaymentTest {

  private static final Instant NOW = Instant.parse("2026-11-24T10:15:30Z");

  private SandboxProvider sandbox;
  private SandboxClient client;

  @BeforeAll
  void start() {
    sandbox =
        SandboxProvider.start(
            TestSandboxes.fast()
                .clock(MutableClock.at(NOW))
                .defaultPaymentExpiry(Duration.ofMinutes(30))
                .build());
    client = new SandboxClient(sandbox);
  }

  @AfterAll
  void stop() {
    sandbox.close();
  }

  @Test
  void creates_a_started_payment_with_a_checkout_url_and_utc_timestamps() {
    HttpResponse<String> response =
        client.createPayment(paymentBody("order-8812", 1050, "EUR"), "key-1");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.headers().firstValue("Idempotent-Replayed")).isEmpty();
    JsonNode p = json(response);
    String tx = p.get("transactionId").asText();
    assertThat(tx).matches("tx_[0-9a-z]{24}");
    assertThat(p.get("status").asText()).isEqualTo("started");
    assertThat(p.get("amount").get("value").asLong()).isEqualTo(1050);
    assertThat(p.get("amount").get("value").isIntegralNumber()).isTrue();
    assertThat(p.get("amount").get("currency").asText()).isEqualTo("EUR");
    assertThat(p.get("externalId").asText()).isEqualTo("order-8812");
    assertThat(p.get("metadata").get("cartId").asText()).isEqualTo("c-19");
    assertThat(p.get("metadata").get("channel").asText()).isEqualTo("web");
    assertThat(p.get("checkoutUrl").asText()).isEqualTo(sandbox.baseUri() + "/checkout/" + tx);
    assertThat(p.get("failure").isNull()).isTrue();
    assertThat(p.get("createdAt").asText()).isEqualTo("2026-11-24T10:15:30Z");
    assertThat(p.get("updatedAt").asText()).isEqualTo("2026-11-24T10:15:30Z");
    assertThat(p.get("expiresAt").asText()).isEqualTo("2026-11-24T10:30:30Z");

    assertThat(json(client.get("/v1/payments/" + tx))).isEqualTo(p);
    assertThat(sandbox.payment(tx).orElseThrow().idempotencyKey()).isEqualTo("key-1");
  }

  @Test
  void uses_the_configured_default_expiry_when_the_request_has_none() {
    ObjectNode body = body();
    body.remove("expiresInSeconds");

    HttpResponse<String> response = client.createPayment(body.toString(), "key-2");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(json(response).get("expiresAt").asText()).isEqualTo("2026-11-24T10:45:30Z");
  }

  @Test
  void get_answers_404_not_found_for_an_unknown_payment() {
    HttpResponse<String> response = client.get("/v1/payments/tx_doesnotexist");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(errorCode(response)).isEqualTo("not_found");
    JsonNode error = json(response).get("error");
    assertThat(error.has("message")).isTrue();
    assertThat(error.has("declineCode")).isTrue();
    assertThat(error.has("param")).isTrue();
  }

  @Test
  void rejects_a_request_without_an_idempotency_key() {
    long before = sandbox.ledger().paymentsCreated();
    HttpResponse<String> response = client.createPayment(body().toString(), null);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(errorCode(response)).isEqualTo("missing_idempotency_key");
    assertThat(sandbox.ledger().paymentsCreated()).isEqualTo(before);
  }

  @Test
  void rejects_an_idempotency_key_longer_than_255_characters() {
    HttpResponse<String> tooLong = client.createPayment(body().toString(), "k".repeat(256));

    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(errorCode(tooLong)).isEqualTo("invalid_request");
    assertThat(errorParam(tooLong)).isEqualTo("Idempotency-Key");
    assertThat(client.createPayment(body().toString(), "k".repeat(255)).statusCode())
        .isEqualTo(201);
  }

  @Test
  void rejects_an_idempotency_key_that_is_not_printable_ascii() throws IOException {
    // java.net.http cannot send such a header, so this request goes over a raw socket.
    long before = sandbox.ledger().paymentsCreated();
    byte[] body = body().toString().getBytes(StandardCharsets.UTF_8);
    String head =
        "POST /v1/payments HTTP/1.1\r\n"
            + "Host: 127.0.0.1\r\n"
            + "Authorization: Bearer "
            + client.token()
            + "\r\n"
            + "Content-Type: application/json\r\n"
            + "Idempotency-Key: schl\u00fcssel\r\n"
            + "Content-Length: "
            + body.length
            + "\r\n"
            + "Connection: close\r\n\r\n";
    String response;
    try (Socket socket = new Socket(sandbox.baseUri().getHost(), sandbox.baseUri().getPort())) {
      socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().write(body);
      socket.getOutputStream().flush();
      response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    assertThat(response).startsWith("HTTP/1.1 400");
    assertThat(response).contains("\"param\":\"Idempotency-Key\"");
    assertThat(sandbox.ledger().paymentsCreated()).isEqualTo(before);
  }

  static Stream<Arguments> invalid_fields() {
    return Stream.of(
        invalid("unknown field", b -> b.put("colour", "red"), "invalid_request", "colour"),
        invalid("no amount", b -> b.remove("amount"), "invalid_amount", "amount"),
        invalid("zero amount", b -> amount(b).put("value", 0), "invalid_amount", "amount.value"),
        invalid(
            "negative amount", b -> amount(b).put("value", -5), "invalid_amount", "amount.value"),
        invalid(
            "float amount", b -> amount(b).put("value", 10.5), "invalid_amount", "amount.value"),
        invalid(
            "string amount", b -> amount(b).put("value", "1050"), "invalid_amount", "amount.value"),
        invalid(
            "lower-case currency",
            b -> amount(b).put("currency", "eur"),
            "invalid_currency",
            "amount.currency"),
        invalid(
            "unknown currency",
            b -> amount(b).put("currency", "ABC"),
            "invalid_currency",
            "amount.currency"),
        invalid(
            "no currency",
            b -> amount(b).remove("currency"),
            "invalid_currency",
            "amount.currency"),
        invalid(
            "unknown amount field",
            b -> amount(b).put("minor", true),
            "invalid_request",
            "amount.minor"),
        invalid("no externalId", b -> b.remove("externalId"), "invalid_request", "externalId"),
        invalid("empty externalId", b -> b.put("externalId", ""), "invalid_request", "externalId"),
        invalid(
            "externalId of 65",
            b -> b.put("externalId", "x".repeat(65)),
            "invalid_request",
            "externalId"),
        invalid(
            "21 metadata keys",
            b -> {
              ObjectNode m = b.putObject("metadata");
              for (int i = 0; i < 21; i++) {
                m.put("k" + i, "v");
              }
            },
            "invalid_request",
            "metadata"),
        invalid(
            "metadata key of 41",
            b -> b.putObject("metadata").put("k".repeat(41), "v"),
            "invalid_request",
            "metadata." + "k".repeat(41)),
        invalid(
            "metadata value of 501",
            b -> b.putObject("metadata").put("note", "v".repeat(501)),
            "invalid_request",
            "metadata.note"),
        invalid(
            "metadata number",
            b -> b.putObject("metadata").put("count", 3),
            "invalid_request",
            "metadata.count"),
        invalid("metadata array", b -> b.putArray("metadata"), "invalid_request", "metadata"),
        invalid(
            "description of 256",
            b -> b.put("description", "d".repeat(256)),
            "invalid_request",
            "description"),
        invalid(
            "http successUrl",
            b -> b.put("successUrl", "http://shop.example/ok"),
            "invalid_url",
            "successUrl"),
        invalid(
            "relative successUrl", b -> b.put("successUrl", "/ok"), "invalid_url", "successUrl"),
        invalid("no successUrl", b -> b.remove("successUrl"), "invalid_url", "successUrl"),
        invalid(
            "ftp cancelUrl",
            b -> b.put("cancelUrl", "ftp://shop.example/no"),
            "invalid_url",
            "cancelUrl"),
        invalid(
            "malformed cancelUrl",
            b -> b.put("cancelUrl", "https://shop example/no"),
            "invalid_url",
            "cancelUrl"),
        invalid(
            "zero expiry",
            b -> b.put("expiresInSeconds", 0),
            "invalid_request",
            "expiresInSeconds"),
        invalid(
            "string expiry",
            b -> b.put("expiresInSeconds", "900"),
            "invalid_request",
            "expiresInSeconds"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid_fields")
  void rejects_invalid_fields_naming_the_param(
      String name, Consumer<ObjectNode> change, String code, String param) {
    ObjectNode body = body();
    change.accept(body);

    String key = UUID.randomUUID().toString();
    HttpResponse<String> response = client.createPayment(body.toString(), key);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(errorCode(response)).isEqualTo(code);
    assertThat(errorParam(response)).isEqualTo(param);
    assertThat(sandbox.ledger().paymentsFor(key)).isZero();
  }

  @Test
  void accepts_metadata_at_its_limits_and_loopback_http_return_urls() {
    ObjectNode body = body();
    ObjectNode metadata = body.putObject("metadata");
    for (int i = 0; i < 19; i++) {
      metadata.put("k" + i, "");
    }
    metadata.put("k".repeat(40), "v".repeat(500));
    body.put("successUrl", "http://127.0.0.1:8080/return?order=1");
    body.put("cancelUrl", "http://localhost/cancel");
    body.put("externalId", "e".repeat(64));

    HttpResponse<String> response = client.createPayment(body.toString(), "limits");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(json(response).get("metadata").size()).isEqualTo(20);
  }

  @Test
  void rejects_malformed_json_duplicate_fields_and_non_object_bodies() {
    for (String bad :
        new String[] {"{", "[]", "\"text\"", "", "{\"externalId\":\"a\",\"externalId\":\"b\"}"}) {
      HttpResponse<String> response = client.createPayment(bad, UUID.randomUUID().toString());
      assertThat(response.statusCode()).as(bad).isEqualTo(400);
      assertThat(errorCode(response)).as(bad).isEqualTo("invalid_request");
    }
  }

  @Test
  void rejects_a_body_that_is_not_declared_as_json() {
    HttpResponse<String> response =
        client.send(
            client
                .authorized("/v1/payments")
                .header("Idempotency-Key", "plain")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body().toString())));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(errorParam(response)).isEqualTo("Content-Type");
  }

  @Test
  void answers_404_for_unknown_routes_and_405_for_wrong_methods() {
    HttpResponse<String> unknown = client.get("/v1/nothing");
    HttpResponse<String> wrongMethod = client.send(client.authorized("/v1/payments").DELETE());

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(errorCode(unknown)).isEqualTo("not_found");
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("GET, POST");
  }

  @Test
  void starts_in_well_under_a_second() {
    long started = System.nanoTime();
    try (SandboxProvider another = SandboxProvider.start(TestSandboxes.fast().build())) {
      long millis = (System.nanoTime() - started) / 1_000_000;
      assertThat(millis).isLessThan(500);
      assertThat(new SandboxClient(another).get("/v1/payments").statusCode()).isEqualTo(200);
      assertThat(another.baseUri().getPort()).isNotEqualTo(sandbox.baseUri().getPort());
    }
  }

  @Test
  void close_stops_the_server_and_can_be_called_twice() {
    SandboxProvider another = SandboxProvider.start(TestSandboxes.fast().build());
    SandboxClient anotherClient = new SandboxClient(another);
    assertThat(anotherClient.get("/v1/payments").statusCode()).isEqualTo(200);

    another.close();
    another.close();

    assertThatThrownBy(() -> new SandboxClient(another).newToken())
        .isInstanceOf(UncheckedIOException.class);
  }

  private static Arguments invalid(
      String name, Consumer<ObjectNode> change, String code, String param) {
    return Arguments.of(name, change, code, param);
  }

  private static ObjectNode amount(ObjectNode body) {
    return (ObjectNode) body.get("amount");
  }

  private static ObjectNode body() {
    try {
      return (ObjectNode) SandboxClient.JSON.readTree(paymentBody("order-1", 1050, "EUR"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
