package dev.paykit.sandbox;

import static dev.paykit.sandbox.SandboxClient.basic;
import static dev.paykit.sandbox.SandboxClient.errorCode;
import static dev.paykit.sandbox.SandboxClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthenticationTest {

  private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-24T10:15:30Z"));
  private SandboxProvider sandbox;
  private SandboxClient client;

  @BeforeEach
  void start() {
    sandbox =
        SandboxProvider.start(
            TestSandboxes.fast()
                .clock(clock)
                .clientSecret(SandboxSecret.of("s3cret-value"))
                .tokenTtl(Duration.ofMinutes(10))
                .build());
    client = new SandboxClient(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void issues_a_bearer_token_for_valid_client_credentials() {
    HttpResponse<String> response =
        client.requestToken(basic("test-client", "s3cret-value"), "grant_type=client_credentials");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonNode body = json(response);
    assertThat(body.get("access_token").asText()).isNotBlank();
    assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
    assertThat(body.get("expires_in").asLong()).isEqualTo(600);
    assertThat(client.get("/v1/payments").statusCode()).isEqualTo(200);
  }

  @Test
  void rejects_a_wrong_client_secret_with_invalid_client() {
    HttpResponse<String> response =
        client.requestToken(basic("test-client", "wrong"), "grant_type=client_credentials");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(errorCode(response)).isEqualTo("invalid_client");
    assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Basic");
  }

  @Test
  void rejects_a_wrong_client_id_or_missing_basic_header_with_invalid_client() {
    assertThat(
            errorCode(
                client.requestToken(
                    basic("other-client", "s3cret-value"), "grant_type=client_credentials")))
        .isEqualTo("invalid_client");
    HttpResponse<String> missing = client.requestToken(null, "grant_type=client_credentials");
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(errorCode(missing)).isEqualTo("invalid_client");
    assertThat(errorCode(client.requestToken("Basic !!!", "grant_type=client_credentials")))
        .isEqualTo("invalid_client");
  }

  @Test
  void rejects_a_grant_type_other_than_client_credentials() {
    HttpResponse<String> response =
        client.requestToken(basic("test-client", "s3cret-value"), "grant_type=password");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(errorCode(response)).isEqualTo("invalid_request");
    assertThat(SandboxClient.errorParam(response)).isEqualTo("grant_type");
  }

  @Test
  void rejects_v1_calls_without_a_bearer_token_with_invalid_token() {
    HttpResponse<String> response =
        client.send(HttpRequest.newBuilder(client.uri("/v1/payments")).GET());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(errorCode(response)).isEqualTo("invalid_token");
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer error=\"invalid_token\"");
  }

  @Test
  void rejects_an_unknown_token_with_invalid_token() {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(client.uri("/v1/payments/tx_1"))
                .header("Authorization", "Bearer not-a-token")
                .GET());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(errorCode(response)).isEqualTo("invalid_token");
  }

  @Test
  void rejects_a_token_once_the_clock_reaches_its_expiry() {
    String token = client.token();
    clock.advance(Duration.ofMinutes(9));
    assertThat(client.get("/v1/payments").statusCode()).isEqualTo(200);

    clock.advance(Duration.ofMinutes(1));

    HttpResponse<String> response = client.get("/v1/payments");
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(errorCode(response)).isEqualTo("invalid_token");
    assertThat(client.newToken()).isNotEqualTo(token);
  }

  @Test
  void expire_all_tokens_invalidates_every_token_issued_before() {
    client.token();
    assertThat(client.get("/v1/payments").statusCode()).isEqualTo(200);

    sandbox.expireAllTokens();

    assertThat(errorCode(client.get("/v1/payments"))).isEqualTo("invalid_token");
    SandboxClient fresh = new SandboxClient(sandbox);
    assertThat(fresh.get("/v1/payments").statusCode()).isEqualTo(200);
  }

  @Test
  void every_response_carries_its_own_request_id() {
    List<HttpResponse<String>> responses =
        List.of(
            client.get("/v1/payments"),
            client.get("/v1/payments/tx_unknown"),
            client.send(HttpRequest.newBuilder(client.uri("/v1/payments")).GET()),
            client.send(HttpRequest.newBuilder(client.uri("/nowhere")).GET()),
            client.send(HttpRequest.newBuilder(client.uri("/checkout/tx_unknown")).GET()),
            client.send(HttpRequest.newBuilder(client.uri("/sandbox/ledger")).GET()));

    Set<String> ids = new HashSet<>();
    for (HttpResponse<String> response : responses) {
      String id = response.headers().firstValue("Request-Id").orElseThrow();
      assertThat(id).matches("req_[0-9a-z]{20}");
      ids.add(id);
    }
    assertThat(ids).hasSize(responses.size());
  }

  @Test
  void secrets_never_show_in_to_string() {
    SandboxSecret secret = SandboxSecret.of("s3cret-value");

    assertThat(secret.toString()).doesNotContain("s3cret-value");
    assertThat(sandbox.config().toString())
        .doesNotContain("s3cret-value")
        .doesNotContain(sandbox.webhookSecret().reveal());
    assertThat(sandbox.webhookSecret().reveal()).startsWith("whsec_");
    assertThat(sandbox.webhookSecret().toString()).doesNotContain("whsec_");
  }
}
