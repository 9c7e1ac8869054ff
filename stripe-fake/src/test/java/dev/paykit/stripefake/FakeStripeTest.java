package dev.paykit.stripefake;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.paykit.stripefake.FakeStripeFaults.Route;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fake's own rules, where the adapter's tests do not reach: keys, keys in flight, auth,
 * posting.
 */
class FakeStripeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final FakeStripe stripe = FakeStripe.start();

  @AfterEach
  void stop() {
    stripe.close();
  }

  @Test
  void the_same_key_and_parameters_answer_the_first_answer_again_marked_replayed()
      throws Exception {
    HttpResponse<String> first = createIntent("key-1", 1050);
    HttpResponse<String> again = createIntent("key-1", 1050);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(json(again).path("id").asText()).isEqualTo(json(first).path("id").asText());
    assertThat(stripe.paymentIntents()).hasSize(1);
  }

  @Test
  void the_same_key_with_other_parameters_is_refused_as_an_idempotency_error() throws Exception {
    createIntent("key-1", 1050);

    HttpResponse<String> changed = createIntent("key-1", 2000);

    assertThat(changed.statusCode()).isEqualTo(400);
    assertThat(json(changed).path("error").path("type").asText()).isEqualTo("idempotency_error");
    assertThat(stripe.paymentIntents()).hasSize(1);
  }

  @Test
  void a_key_whose_first_request_is_still_running_is_answered_409_in_use() throws Exception {
    stripe.faults().stallWhileActing(Route.CREATE_PAYMENT_INTENT, 1, Duration.ofMillis(800));
    CompletableFuture<HttpResponse<String>> first =
        CompletableFuture.supplyAsync(() -> createIntentUnchecked("key-1", 1050));
    awaitAttempts("key-1", 1);

    HttpResponse<String> meanwhile = createIntent("key-1", 1050);

    assertThat(meanwhile.statusCode()).isEqualTo(409);
    assertThat(json(meanwhile).path("error").path("code").asText())
        .isEqualTo("idempotency_key_in_use");
    assertThat(meanwhile.headers().firstValue("Stripe-Should-Retry")).contains("true");
    assertThat(first.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    assertThat(stripe.paymentIntents()).hasSize(1);
  }

  @Test
  void a_connection_closed_before_acting_creates_nothing_and_leaves_the_key_free()
      throws Exception {
    stripe.faults().closeBeforeActing(Route.CREATE_PAYMENT_INTENT, 1);

    assertThat(
            CompletableFuture.supplyAsync(() -> createIntentUnchecked("key-1", 1050))
                .handle((answer, failure) -> failure))
        .succeedsWithin(Duration.ofSeconds(5))
        .isNotNull();
    assertThat(stripe.paymentIntents()).isEmpty();

    HttpResponse<String> retried = createIntent("key-1", 1050);
    assertThat(retried.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(stripe.paymentIntents()).hasSize(1);
  }

  @Test
  void a_wrong_or_missing_api_key_is_refused_401_and_creates_nothing() throws Exception {
    HttpResponse<String> wrong =
        send(post("/v1/payment_intents", form(1050)).header("Authorization", "Bearer sk_other"));
    HttpResponse<String> missing = send(post("/v1/payment_intents", form(1050)));

    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(json(wrong).path("error").path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(stripe.paymentIntents()).isEmpty();
  }

  @Test
  void events_are_posted_to_the_webhook_url_signed_and_posted_again_until_taken() throws Exception {
    List<byte[]> bodies = new CopyOnWriteArrayList<>();
    List<String> signatures = new CopyOnWriteArrayList<>();
    AtomicInteger refuseFirst = new AtomicInteger(1);
    HttpServer endpoint =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    endpoint.createContext(
        "/hooks",
        exchange -> {
          try (exchange) {
            bodies.add(exchange.getRequestBody().readAllBytes());
            signatures.add(exchange.getRequestHeaders().getFirst("Stripe-Signature"));
            exchange.sendResponseHeaders(refuseFirst.getAndDecrement() > 0 ? 500 : 204, -1);
          }
        });
    endpoint.start();
    try {
      stripe.webhookUrl(
          URI.create("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/hooks"));
      String id = json(createIntent("key-1", 1050)).path("id").asText();

      for (int i = 0; i < 100 && bodies.size() < 2; i++) {
        Thread.sleep(50);
      }

      assertThat(bodies).hasSize(2);
      assertThat(bodies.get(1)).isEqualTo(bodies.get(0));
      JsonNode event = JSON.readTree(bodies.get(0));
      assertThat(event.path("type").asText()).isEqualTo("payment_intent.created");
      assertThat(event.path("data").path("object").path("id").asText()).isEqualTo(id);
      assertThat(event.path("request").path("idempotency_key").asText()).isEqualTo("key-1");
      String signature = signatures.get(1);
      long t = Long.parseLong(signature.substring(2, signature.indexOf(',')));
      String secret = stripe.config().webhookSecrets().get(0);
      assertThat(signature)
          .isEqualTo("t=" + t + ",v1=" + FakeStripe.sign(secret, t, bodies.get(1)));
    } finally {
      endpoint.stop(0);
    }
  }

  @Test
  void evidence_takes_an_uploaded_file_and_refuses_one_it_does_not_have() throws Exception {
    String intent = json(createIntent("key-1", 1050)).path("id").asText();
    stripe.succeed(intent);
    String dispute = stripe.openDispute(intent, 600, "fraudulent").id();
    String boundary = "b0undary";
    byte[] upload =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\n"
                + "dispute_evidence\r\n--"
                + boundary
                + "\r\nContent-Disposition: form-data;"
                + " name=\"file\"; filename=\"receipt.pdf\"\r\n\r\n%PDF\u00ff\r\n--"
                + boundary
                + "--\r\n")
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    HttpResponse<String> file =
        send(
            authorized(
                HttpRequest.newBuilder(stripe.baseUri().resolve("/v1/files"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(upload))));

    HttpResponse<String> unknown = updateDispute(dispute, "file_missing");
    HttpResponse<String> known = updateDispute(dispute, json(file).path("id").asText());

    assertThat(json(file).path("filename").asText()).isEqualTo("receipt.pdf");
    assertThat(json(file).path("size").asLong()).isEqualTo(5);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(known.statusCode()).isEqualTo(200);
    assertThat(json(known).path("status").asText()).isEqualTo("under_review");
    assertThat(json(known).path("amount").asLong()).isEqualTo(600);
  }

  private HttpResponse<String> updateDispute(String dispute, String file) throws Exception {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("evidence[uncategorized_text]", "Delivered");
    params.put("evidence[uncategorized_file]", file);
    params.put("submit", "true");
    return send(authorized(post("/v1/disputes/" + dispute, FakeStripe.encode(params))));
  }

  private HttpResponse<String> createIntent(String key, long amount) throws Exception {
    return send(
        authorized(post("/v1/payment_intents", form(amount)).header("Idempotency-Key", key)));
  }

  private HttpResponse<String> createIntentUnchecked(String key, long amount) {
    try {
      return createIntent(key, amount);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void awaitAttempts(String key, int attempts) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      if (stripe.faults().attempts(Route.CREATE_PAYMENT_INTENT, key) >= attempts) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the first request never reached the fake");
  }

  private static String form(long amount) {
    return FakeStripe.encode(
        Map.of("amount", Long.toString(amount), "currency", "eur", "metadata[order]", "o-1"));
  }

  private HttpRequest.Builder post(String path, String form) {
    return HttpRequest.newBuilder(stripe.baseUri().resolve(path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
  }

  private HttpRequest.Builder authorized(HttpRequest.Builder request) {
    return request.header("Authorization", "Bearer " + stripe.config().apiKey());
  }

  private static HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return HTTP.send(
        request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString(UTF_8));
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }
}
