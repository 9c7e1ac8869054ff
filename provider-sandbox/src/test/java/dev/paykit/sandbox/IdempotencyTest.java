package dev.paykit.sandbox;

import static dev.paykit.sandbox.SandboxClient.errorCode;
import static dev.paykit.sandbox.SandboxClient.json;
import static dev.paykit.sandbox.SandboxClient.paymentBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdempotencyTest {

  private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-24T10:15:30Z"));
  private SandboxProvider sandbox;
  private SandboxClient client;

  @BeforeEach
  void start() {
    sandbox =
        SandboxProvider.start(
            TestSandboxes.fast()
                .clock(clock)
                .tokenTtl(Duration.ofDays(30))
                .defaultPaymentExpiry(Duration.ofDays(3))
                .build());
    client = new SandboxClient(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void replays_the_same_response_for_the_same_key_and_body() {
    String body = paymentBody("order-1", 1050, "EUR");
    HttpResponse<String> first = client.createPayment(body, "key-1");
    clock.advance(Duration.ofHours(23));

    HttpResponse<String> second = client.createPayment(body, "key-1");

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(second.statusCode()).isEqualTo(201);
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(second.headers().firstValue("Request-Id"))
        .isNotEqualTo(first.headers().firstValue("Request-Id"));
    assertThat(sandbox.ledger().paymentsFor("key-1")).isEqualTo(1);
    assertThat(sandbox.ledger().paymentsCreated()).isEqualTo(1);
  }

  @Test
  void treats_the_same_json_with_other_key_order_and_spacing_as_the_same_body() {
    HttpResponse<String> first =
        client.createPayment(
            "{\"externalId\":\"o-2\",\"amount\":{\"value\":500,\"currency\":\"EUR\"},"
                + "\"successUrl\":\"https://s.example/ok\",\"cancelUrl\":\"https://s.example/no\"}",
            "key-2");
    HttpResponse<String> second =
        client.createPayment(
            "{ \"cancelUrl\": \"https://s.example/no\", \"successUrl\": \"https://s.example/ok\",\n"
                + "  \"amount\": {\"currency\": \"EUR\", \"value\": 500}, \"externalId\": \"o-2\" }",
            "key-2");

    assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(json(second).get("transactionId")).isEqualTo(json(first).get("transactionId"));
    assertThat(sandbox.ledger().paymentsFor("key-2")).isEqualTo(1);
  }

  @Test
  void rejects_the_same_key_with_a_different_body_with_422() {
    client.createPayment(paymentBody("order-3", 1050, "EUR"), "key-3");

    HttpResponse<String> response =
        client.createPayment(paymentBody("order-3", 1051, "EUR"), "key-3");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(errorCode(response)).isEqualTo("idempotency_key_reuse");
    assertThat(sandbox.ledger().paymentsFor("key-3")).isEqualTo(1);
  }

  @Test
  void rejects_the_same_key_on_another_endpoint_as_a_reuse() {
    String tx =
        json(client.createPayment(paymentBody("order-4", 1050, "EUR"), "key-4"))
            .get("transactionId")
            .asText();
    sandbox.simulate(tx, SimulatedOutcome.CONFIRMED);

    HttpResponse<String> refund = client.refund(tx, 100, "key-4");

    assertThat(refund.statusCode()).isEqualTo(422);
    assertThat(errorCode(refund)).isEqualTo("idempotency_key_reuse");
    assertThat(sandbox.ledger().refundsCreated()).isZero();
  }

  @Test
  void answers_409_while_the_first_request_with_the_key_is_being_processed() throws Exception {
    sandbox.faults().inject(Fault.latency("POST /v1/payments", Duration.ofMillis(1500)));
    String body = paymentBody("order-5", 1050, "EUR");
    String token = client.token();
    CompletableFuture<HttpResponse<String>> first =
        client.http.sendAsync(
            client
                .authorized("/v1/payments")
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "key-5")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> sandbox.idempotencyKeysInFlight().contains("key-5"));

    HttpResponse<String> second = client.createPayment(body, "key-5");

    assertThat(token).isNotBlank();
    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(errorCode(second)).isEqualTo("idempotency_key_in_use");
    assertThat(first.get().statusCode()).isEqualTo(201);
    HttpResponse<String> third = client.createPayment(body, "key-5");
    assertThat(third.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(sandbox.ledger().paymentsFor("key-5")).isEqualTo(1);
  }

  @Test
  void creates_exactly_one_payment_for_32_concurrent_requests_with_one_key() throws Exception {
    String body = paymentBody("order-6", 1050, "EUR");
    client.token();
    ExecutorService pool = Executors.newFixedThreadPool(32);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<HttpResponse<String>>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < 32; i++) {
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  return client.createPayment(body, "key-6");
                }));
      }
      go.countDown();
      int created = 0;
      Set<String> transactionIds = new HashSet<>();
      for (Future<HttpResponse<String>> future : futures) {
        HttpResponse<String> response = future.get();
        assertThat(response.statusCode()).isIn(201, 409);
        if (response.statusCode() == 201) {
          transactionIds.add(json(response).get("transactionId").asText());
          if (response.headers().firstValue("Idempotent-Replayed").isEmpty()) {
            created++;
          }
        } else {
          assertThat(errorCode(response)).isEqualTo("idempotency_key_in_use");
        }
      }
      assertThat(created).isEqualTo(1);
      assertThat(transactionIds).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(sandbox.ledger().paymentsFor("key-6")).isEqualTo(1);
    assertThat(sandbox.ledger().paymentsCreated()).isEqualTo(1);
    assertThat(sandbox.payments()).hasSize(1);
  }

  @Test
  void a_request_that_failed_leaves_the_key_free() {
    HttpResponse<String> invalid = client.createPayment(paymentBody("order-7", 0, "EUR"), "key-7");

    HttpResponse<String> valid = client.createPayment(paymentBody("order-7", 700, "EUR"), "key-7");

    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(valid.statusCode()).isEqualTo(201);
    assertThat(valid.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(sandbox.ledger().paymentsFor("key-7")).isEqualTo(1);
  }

  @Test
  void forgets_a_key_after_the_24_hour_window() {
    String body = paymentBody("order-8", 1050, "EUR");
    HttpResponse<String> first = client.createPayment(body, "key-8");
    clock.advance(Duration.ofHours(24));

    HttpResponse<String> later = client.createPayment(body, "key-8");

    assertThat(later.statusCode()).isEqualTo(201);
    assertThat(later.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(json(later).get("transactionId")).isNotEqualTo(json(first).get("transactionId"));
    assertThat(sandbox.ledger().paymentsFor("key-8")).isEqualTo(2);
  }
}
