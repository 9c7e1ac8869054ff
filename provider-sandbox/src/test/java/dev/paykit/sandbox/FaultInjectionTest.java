package dev.paykit.sandbox;

import static dev.paykit.sandbox.SandboxClient.errorCode;
import static dev.paykit.sandbox.SandboxClient.errorParam;
import static dev.paykit.sandbox.SandboxClient.json;
import static dev.paykit.sandbox.SandboxClient.paymentBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {

  private SandboxProvider sandbox;
  private SandboxClient client;

  @BeforeEach
  void start() {
    sandbox = SandboxProvider.start(TestSandboxes.fast().build());
    client = new SandboxClient(sandbox);
    client.token();
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private HttpResponse<String> inject(String json) {
    HttpResponse<String> response = client.sandboxPost("/sandbox/faults", json);
    return response;
  }

  private HttpRequest createRequest(String key, Duration timeout) {
    return client
        .authorized("/v1/payments")
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", key)
        .POST(HttpRequest.BodyPublishers.ofString(paymentBody("order-drop", 1050, "EUR")))
        .build();
  }

  @Test
  void answers_429_with_retry_after_for_the_next_call_only() {
    assertThat(
            inject(
                    "{\"kind\":\"error\",\"endpoint\":\"POST /v1/payments\",\"status\":429,"
                        + "\"retryAfterSeconds\":7}")
                .statusCode())
        .isEqualTo(200);

    HttpResponse<String> limited = client.createPayment(paymentBody("o", 100, "EUR"), "k-429");
    HttpResponse<String> retried = client.createPayment(paymentBody("o", 100, "EUR"), "k-429");

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(errorCode(limited)).isEqualTo("rate_limited");
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("7");
    assertThat(limited.headers().firstValue("Request-Id")).isPresent();
    assertThat(retried.statusCode()).isEqualTo(201);
    assertThat(retried.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(sandbox.ledger().paymentsFor("k-429")).isEqualTo(1);
  }

  @Test
  void answers_503_then_500_for_as_many_calls_as_asked_then_recovers() {
    String tx = client.createPayment();
    sandbox.faults().inject(Fault.error("GET /v1/payments/{id}", 503).times(2));
    sandbox.faults().inject(Fault.error("GET /v1/payments/{transactionId}", 500));

    HttpResponse<String> first = client.get("/v1/payments/" + tx);
    HttpResponse<String> second = client.get("/v1/payments/" + tx);
    HttpResponse<String> third = client.get("/v1/payments/" + tx);
    HttpResponse<String> fourth = client.get("/v1/payments/" + tx);

    assertThat(first.statusCode()).isEqualTo(503);
    assertThat(errorCode(first)).isEqualTo("unavailable");
    assertThat(second.statusCode()).isEqualTo(503);
    assertThat(third.statusCode()).isEqualTo(500);
    assertThat(errorCode(third)).isEqualTo("internal_error");
    assertThat(fourth.statusCode()).isEqualTo(200);
    assertThat(sandbox.faults().active()).isEmpty();
  }

  @Test
  void an_error_before_acting_creates_nothing() {
    sandbox.faults().inject(Fault.error("POST /v1/payments", 503));

    HttpResponse<String> failed = client.createPayment(paymentBody("o", 100, "EUR"), "k-503");

    assertThat(failed.statusCode()).isEqualTo(503);
    assertThat(sandbox.ledger().paymentsFor("k-503")).isZero();
    assertThat(sandbox.payments()).isEmpty();
  }

  @Test
  void an_error_after_acting_creates_the_payment_and_the_retry_replays_it() {
    sandbox.faults().inject(Fault.error("POST /v1/payments", 500).afterAction());

    HttpResponse<String> failed = client.createPayment(paymentBody("o", 100, "EUR"), "k-after");
    HttpResponse<String> retried = client.createPayment(paymentBody("o", 100, "EUR"), "k-after");

    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(sandbox.ledger().paymentsFor("k-after")).isEqualTo(1);
    assertThat(retried.statusCode()).isEqualTo(201);
    assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(json(retried).get("transactionId").asText())
        .isEqualTo(sandbox.payments().get(0).transactionId());
  }

  @Test
  void adds_latency_to_the_matching_calls() {
    inject("{\"kind\":\"latency\",\"endpoint\":\"GET /v1/payments\",\"latencyMs\":300}");

    long started = System.nanoTime();
    HttpResponse<String> response = client.get("/v1/payments");
    long millis = (System.nanoTime() - started) / 1_000_000;

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(millis).isGreaterThanOrEqualTo(300);
  }

  @Test
  void a_held_dropped_response_times_the_client_out_while_the_payment_exists() throws Exception {
    sandbox.faults().inject(Fault.dropResponse("POST /v1/payments").holdFor(Duration.ofSeconds(5)));

    assertThatThrownBy(
            () ->
                client.http.send(
                    createRequest("k-drop", Duration.ofMillis(300)),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(HttpTimeoutException.class);

    // The provider acts whatever the client does: the payment exists (a cold JVM may be slower
    // than the client's 300 ms, so wait for it rather than expect it at once).
    await()
        .atMost(Duration.ofSeconds(4))
        .until(
            () ->
                sandbox.ledger().paymentsFor("k-drop") == 1
                    && !sandbox.idempotencyKeysInFlight().contains("k-drop"));
    HttpResponse<String> retried =
        client.http.send(
            createRequest("k-drop", Duration.ofSeconds(5)), HttpResponse.BodyHandlers.ofString());
    assertThat(retried.statusCode()).isEqualTo(201);
    assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(json(retried).get("transactionId").asText())
        .isEqualTo(sandbox.payments().get(0).transactionId());
    assertThat(sandbox.ledger().paymentsCreated()).isEqualTo(1);
  }

  @Test
  void a_closed_dropped_response_ends_the_connection_without_an_answer() {
    inject("{\"kind\":\"drop_response\",\"endpoint\":\"POST /v1/payments\",\"mode\":\"close\"}");
    HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    assertThatThrownBy(
            () ->
                fresh.send(
                    createRequest("k-close", Duration.ofSeconds(5)),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(HttpTimeoutException.class);

    assertThat(sandbox.ledger().paymentsFor("k-close")).isEqualTo(1);
  }

  @Test
  void a_connection_dropped_before_acting_creates_nothing_and_the_retry_creates_it_once()
      throws Exception {
    HttpResponse<String> injected =
        inject(
            "{\"kind\":\"drop_response\",\"endpoint\":\"POST /v1/payments\",\"mode\":\"close\","
                + "\"afterAction\":false}");
    HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    assertThat(json(injected).get("faults").get(0).get("afterAction").asBoolean()).isFalse();
    assertThatThrownBy(
            () ->
                fresh.send(
                    createRequest("k-lost", Duration.ofSeconds(5)),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(HttpTimeoutException.class);
    assertThat(sandbox.ledger().paymentsFor("k-lost")).isZero();
    HttpResponse<String> retried =
        fresh.send(
            createRequest("k-lost", Duration.ofSeconds(5)), HttpResponse.BodyHandlers.ofString());
    assertThat(retried.statusCode()).isEqualTo(201);
    assertThat(retried.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(sandbox.ledger().paymentsFor("k-lost")).isEqualTo(1);
  }

  @Test
  void a_dropped_response_acts_first_unless_told_otherwise() {
    sandbox.faults().inject(Fault.dropResponse("POST /v1/payments").closeImmediately());
    sandbox
        .faults()
        .inject(Fault.dropResponse("POST /v1/payments").closeImmediately().beforeAction());

    assertThat(sandbox.faults().active())
        .extracting(Fault::isAfterAction)
        .containsExactly(true, false);
    assertThatThrownBy(() -> Fault.error("*", 503).beforeAction())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void expire_tokens_invalidates_every_issued_token_at_once() {
    assertThat(client.get("/v1/payments").statusCode()).isEqualTo(200);

    HttpResponse<String> injected = inject("{\"kind\":\"expire_tokens\"}");

    assertThat(json(injected).get("faults")).isEmpty();
    HttpResponse<String> response = client.get("/v1/payments");
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(errorCode(response)).isEqualTo("invalid_token");
  }

  @Test
  void a_star_fault_hits_api_calls_but_never_sandbox_or_checkout_calls() {
    String tx = client.createPayment();
    inject("{\"kind\":\"error\",\"endpoint\":\"*\",\"status\":503,\"times\":2}");

    int ledger =
        client.send(HttpRequest.newBuilder(client.uri("/sandbox/ledger")).GET()).statusCode();
    int checkout =
        client.send(HttpRequest.newBuilder(client.uri("/checkout/" + tx)).GET()).statusCode();
    int simulate = client.simulate(tx, "inprogress").statusCode();
    HttpResponse<String> token =
        client.requestToken(
            SandboxClient.basic(sandbox.clientId(), sandbox.clientSecret().reveal()),
            "grant_type=client_credentials");
    HttpResponse<String> list = client.get("/v1/payments");

    assertThat(ledger).isEqualTo(200);
    assertThat(checkout).isEqualTo(200);
    assertThat(simulate).isEqualTo(200);
    assertThat(token.statusCode()).isEqualTo(503);
    assertThat(list.statusCode()).isEqualTo(503);
    assertThat(client.get("/v1/payments").statusCode()).isEqualTo(200);
  }

  @Test
  void a_fault_on_a_concrete_path_hits_only_that_resource() {
    String one = client.createPayment();
    String two = client.createPayment();
    sandbox.faults().inject(Fault.error("GET /v1/payments/" + one, 503));

    assertThat(client.get("/v1/payments/" + two).statusCode()).isEqualTo(200);
    assertThat(client.get("/v1/payments/" + one).statusCode()).isEqualTo(503);
    assertThat(client.get("/v1/payments/" + one).statusCode()).isEqualTo(200);
  }

  @Test
  void lists_faults_with_what_remains_and_clears_them() {
    HttpResponse<String> injected =
        inject(
            "{\"faults\":[{\"kind\":\"error\",\"endpoint\":\"GET /v1/payments\",\"status\":502,"
                + "\"times\":3},{\"kind\":\"webhook_bad_signature\",\"times\":2}]}");
    client.get("/v1/payments");

    JsonNode listed =
        json(client.send(HttpRequest.newBuilder(client.uri("/sandbox/faults")).GET()));
    HttpResponse<String> cleared =
        client.send(HttpRequest.newBuilder(client.uri("/sandbox/faults")).DELETE());

    assertThat(json(injected).get("faults")).hasSize(2);
    JsonNode first = listed.get("faults").get(0);
    assertThat(first.get("id").asText()).startsWith("flt_");
    assertThat(first.get("kind").asText()).isEqualTo("error");
    assertThat(first.get("endpoint").asText()).isEqualTo("GET /v1/payments");
    assertThat(first.get("times").asInt()).isEqualTo(2);
    assertThat(listed.get("faults").get(1).get("kind").asText()).isEqualTo("webhook_bad_signature");
    assertThat(json(cleared).get("faults")).isEmpty();
    assertThat(client.get("/v1/payments").statusCode()).isEqualTo(200);
    assertThat(sandbox.faults().active()).isEmpty();
  }

  @Test
  void rejects_invalid_fault_json_naming_the_param_and_adds_nothing() {
    assertThat(errorParam(inject("{\"kind\":\"meteor\"}"))).isEqualTo("kind");
    assertThat(errorParam(inject("{\"kind\":\"error\",\"endpoint\":\"*\",\"status\":418}")))
        .isEqualTo("status");
    assertThat(
            errorParam(
                inject("{\"kind\":\"error\",\"endpoint\":\"POST /v1/nothing\",\"status\":500}")))
        .isEqualTo("endpoint");
    assertThat(errorParam(inject("{\"kind\":\"latency\",\"endpoint\":\"*\",\"colour\":1}")))
        .isEqualTo("colour");
    HttpResponse<String> second =
        inject(
            "{\"faults\":[{\"kind\":\"error\",\"endpoint\":\"*\",\"status\":500},"
                + "{\"kind\":\"error\",\"endpoint\":\"*\",\"status\":200}]}");
    assertThat(second.statusCode()).isEqualTo(400);
    assertThat(errorParam(second)).isEqualTo("faults[1].status");
    assertThat(sandbox.faults().active()).isEmpty();
  }

  @Test
  void the_java_api_validates_faults_and_reports_what_remains() {
    assertThatThrownBy(() -> Fault.error("POST /v1/payments", 404))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sandbox.faults().inject(Fault.error("GET /nowhere", 500)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.webhookDelay(Duration.ofMillis(10)).afterAction())
        .isInstanceOf(IllegalStateException.class);

    sandbox.faults().inject(Fault.rateLimited("POST /oauth/token", 2).times(3));
    client.requestToken("Basic x", "grant_type=client_credentials");

    assertThat(sandbox.faults().active())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(FaultKind.ERROR);
              assertThat(f.status()).isEqualTo(429);
              assertThat(f.times()).isEqualTo(2);
            });
  }
}
