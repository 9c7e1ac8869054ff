package dev.paykit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code faultRate}: a share of API calls gets a random transient fault, drawn from a seed. */
class RandomFaultsTest {

  private final List<SandboxProvider> started = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  @AfterEach
  void stop() {
    started.forEach(SandboxProvider::close);
  }

  private SandboxProvider start(double rate, long seed) {
    SandboxProvider sandbox =
        SandboxProvider.start(TestSandboxes.fast().faultRate(rate).faultSeed(seed).build());
    started.add(sandbox);
    return sandbox;
  }

  /** What one create came to: its status, or 0 when the connection ended without an answer. */
  private record Outcome(String key, int status, String retryAfter) {}

  private static String token(SandboxProvider sandbox) {
    SandboxClient client = new SandboxClient(sandbox);
    // The token endpoint takes random faults like any API call: ask until it answers.
    for (int attempt = 0; attempt < 50; attempt++) {
      try {
        HttpResponse<String> answer =
            client.requestToken(
                SandboxClient.basic(sandbox.clientId(), sandbox.clientSecret().reveal()),
                "grant_type=client_credentials");
        if (answer.statusCode() == 200) {
          return SandboxClient.json(answer).get("access_token").asText();
        }
      } catch (RuntimeException dropped) {
        // a dropped connection: ask again
      }
    }
    throw new AssertionError("no token in 50 attempts");
  }

  private List<Outcome> creates(SandboxProvider sandbox, int count) throws InterruptedException {
    String token = token(sandbox);
    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String key = "key-" + i;
      HttpRequest request =
          HttpRequest.newBuilder(sandbox.baseUri().resolve("/v1/payments"))
              .timeout(Duration.ofSeconds(10))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json")
              .header("Idempotency-Key", key)
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      SandboxClient.paymentBody("order-" + i, 1050, "EUR")))
              .build();
      try {
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        outcomes.add(
            new Outcome(
                key, answer.statusCode(), answer.headers().firstValue("Retry-After").orElse(null)));
      } catch (IOException dropped) {
        outcomes.add(new Outcome(key, 0, null));
      }
    }
    return outcomes;
  }

  private static List<Outcome> withStatus(List<Outcome> outcomes, int status) {
    return outcomes.stream().filter(o -> o.status() == status).toList();
  }

  @Test
  void a_share_of_api_calls_gets_each_kind_of_transient_fault_and_the_rest_are_served()
      throws Exception {
    SandboxProvider sandbox = start(0.3, 42);

    List<Outcome> outcomes = creates(sandbox, 120);

    List<Outcome> created = withStatus(outcomes, 201);
    List<Outcome> limited = withStatus(outcomes, 429);
    List<Outcome> unavailable = withStatus(outcomes, 503);
    List<Outcome> dropped = withStatus(outcomes, 0);
    assertThat(created.size() + limited.size() + unavailable.size() + dropped.size())
        .as("no other answer")
        .isEqualTo(120);
    assertThat(120 - created.size()).as("faulted calls, about 30 %").isBetween(18, 60);
    assertThat(limited).isNotEmpty().allSatisfy(o -> assertThat(o.retryAfter()).isEqualTo("1"));
    assertThat(unavailable).isNotEmpty();
    LedgerSnapshot ledger = sandbox.ledger();
    assertThat(created).allSatisfy(o -> assertThat(ledger.paymentsFor(o.key())).isEqualTo(1));
    assertThat(limited).allSatisfy(o -> assertThat(ledger.paymentsFor(o.key())).isZero());
    assertThat(unavailable).allSatisfy(o -> assertThat(ledger.paymentsFor(o.key())).isZero());
    assertThat(dropped.stream().map(o -> ledger.paymentsFor(o.key())))
        .as("some connections were dropped after the payment was made, some before")
        .contains(0, 1);
  }

  @Test
  void the_same_seed_draws_the_same_faults_for_the_same_calls() throws Exception {
    List<Integer> first = statuses(creates(start(0.5, 7), 40));
    List<Integer> second = statuses(creates(start(0.5, 7), 40));
    List<Integer> otherSeed = statuses(creates(start(0.5, 8), 40));

    assertThat(second).isEqualTo(first);
    assertThat(otherSeed).isNotEqualTo(first);
  }

  @Test
  void at_a_rate_of_one_every_api_call_is_faulted_and_sandbox_and_checkout_calls_never_are() {
    SandboxProvider sandbox = start(1, 1);
    SandboxClient client = new SandboxClient(sandbox);

    for (int i = 0; i < 20; i++) {
      int token;
      try {
        token =
            client
                .requestToken(
                    SandboxClient.basic(sandbox.clientId(), sandbox.clientSecret().reveal()),
                    "grant_type=client_credentials")
                .statusCode();
      } catch (RuntimeException dropped) {
        token = 0;
      }
      assertThat(token).as("token call " + i).isIn(0, 429, 503);
      assertThat(
              client.send(HttpRequest.newBuilder(client.uri("/sandbox/ledger")).GET()).statusCode())
          .isEqualTo(200);
      assertThat(
              client
                  .send(HttpRequest.newBuilder(client.uri("/checkout/tx_unknown")).GET())
                  .statusCode())
          .isEqualTo(404);
    }
  }

  private static List<Integer> statuses(List<Outcome> outcomes) {
    return outcomes.stream().map(Outcome::status).toList();
  }
}
