package dev.paykit.transport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.Secret;
import dev.paykit.sandbox.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OAuth2ClientCredentialsTest {

  @RegisterExtension
  static WireMockExtension provider =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").containerThreads(80))
          .build();

  private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-24T10:00:00Z"));
  private final RecordingObserver observer = new RecordingObserver();

  private OAuth2ClientCredentials tokens() {
    return OAuth2ClientCredentials.builder(
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
            URI.create(provider.baseUrl() + "/oauth/token"),
            "client-1",
            Secret.of("cs_token_test"))
        .timeout(Duration.ofSeconds(5))
        .observer(observer)
        .clock(clock)
        .build();
  }

  static String token(String accessToken, long expiresIn) {
    return """
        {"access_token": "%s", "token_type": "Bearer", "expires_in": %d}
        """
        .formatted(accessToken, expiresIn);
  }

  private static String bearer(OAuth2ClientCredentials tokens) throws CredentialsException {
    return tokens.authorization().reveal();
  }

  /** Issues tok-1, then tok-2, then tok-3, each valid for {@code expiresIn} seconds. */
  private static void tokensInTurn(long expiresIn, int delayMillis) {
    String[] states = {Scenario.STARTED, "second", "third"};
    for (int i = 0; i < states.length; i++) {
      var stub =
          post("/oauth/token")
              .inScenario("tokens")
              .whenScenarioStateIs(states[i])
              .willReturn(
                  aResponse()
                      .withStatus(200)
                      .withHeader("Content-Type", "application/json")
                      .withBody(token("tok-" + (i + 1), expiresIn))
                      .withFixedDelay(delayMillis));
      if (i + 1 < states.length) {
        stub = stub.willSetStateTo(states[i + 1]);
      }
      provider.stubFor(stub);
    }
  }

  private static void verifyTokenRequests(int count) {
    provider.verify(exactly(count), postRequestedFor(urlEqualTo("/oauth/token")));
  }

  @Test
  void a_token_is_fetched_once_and_reused_while_fresh() throws Exception {
    tokensInTurn(3600, 0);
    OAuth2ClientCredentials tokens = tokens();

    assertThat(bearer(tokens)).isEqualTo("Bearer tok-1");
    clock.advance(Duration.ofMinutes(30));
    assertThat(bearer(tokens)).isEqualTo("Bearer tok-1");

    verifyTokenRequests(1);
    assertThat(observer.events(PaykitEvent.TokenRefreshed.class))
        .extracting(PaykitEvent.TokenRefreshed::validFor)
        .containsExactly(Duration.ofHours(1));
  }

  @Test
  void a_token_is_replaced_a_minute_before_it_expires() throws Exception {
    tokensInTurn(3600, 0);
    OAuth2ClientCredentials tokens = tokens();
    tokens.authorization();

    clock.advance(Duration.ofSeconds(3600 - 61));
    assertThat(bearer(tokens)).isEqualTo("Bearer tok-1");
    clock.advance(Duration.ofSeconds(2));
    assertThat(bearer(tokens)).isEqualTo("Bearer tok-2");

    verifyTokenRequests(2);
    assertThat(observer.events(PaykitEvent.TokenRefreshed.class)).hasSize(2);
  }

  @Test
  void a_short_lived_token_is_replaced_at_half_its_life() throws Exception {
    tokensInTurn(60, 0);
    OAuth2ClientCredentials tokens = tokens();
    tokens.authorization();

    clock.advance(Duration.ofSeconds(29));
    assertThat(bearer(tokens)).isEqualTo("Bearer tok-1");
    clock.advance(Duration.ofSeconds(1));
    assertThat(bearer(tokens)).isEqualTo("Bearer tok-2");
  }

  @Test
  void fifty_threads_at_expiry_send_exactly_one_token_request() throws Exception {
    // The refresh answers slowly so that the threads really are waiting while it is in flight.
    tokensInTurn(3600, 300);
    OAuth2ClientCredentials tokens = tokens();
    assertThat(bearer(tokens)).isEqualTo("Bearer tok-1");
    clock.advance(Duration.ofHours(1));
    int threads = 50;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return bearer(tokens);
                }));
      }
      for (Future<String> result : results) {
        assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("Bearer tok-2");
      }
    } finally {
      pool.shutdownNow();
    }

    verifyTokenRequests(2);
    assertThat(observer.events(PaykitEvent.TokenRefreshed.class)).hasSize(2);
  }

  @Test
  void invalidating_the_rejected_token_fetches_a_new_one_but_a_stale_rejection_does_not()
      throws Exception {
    tokensInTurn(3600, 0);
    OAuth2ClientCredentials tokens = tokens();
    tokens.authorization();

    assertThat(tokens.refused(Secret.of("Bearer tok-1"))).isTrue();
    assertThat(bearer(tokens)).isEqualTo("Bearer tok-2");
    // A thread that was refused with tok-1 finds tok-2 already in place: no third request.
    assertThat(tokens.refused(Secret.of("Bearer tok-1"))).isTrue();
    assertThat(bearer(tokens)).isEqualTo("Bearer tok-2");

    verifyTokenRequests(2);
  }

  @Test
  void a_token_response_without_a_lifetime_is_a_transient_failure() {
    provider.stubFor(
        post("/oauth/token")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody("{\"access_token\": \"tok-x\", \"token_type\": \"Bearer\"}")));

    CredentialsException failure =
        org.junit.jupiter.api.Assertions.assertThrows(
            CredentialsException.class, () -> tokens().authorization());

    assertThat(failure.isTransient()).isTrue();
    assertThat(failure.getMessage()).contains("expires_in").doesNotContain("tok-x");
  }

  static Stream<Arguments> unusableTokenAnswers() {
    return Stream.of(
        Arguments.of("a lifetime that overflows the expiry", token("tok-x", Long.MAX_VALUE)),
        Arguments.of("a lifetime beyond a year", token("tok-x", 31_622_401L)),
        Arguments.of("a line break", token("tok\\r\\nX-Injected: 1", 3600)),
        Arguments.of("a space", token("tok with spaces", 3600)),
        Arguments.of("a character beyond ASCII", token("t\\u00f6k", 3600)),
        Arguments.of("no token at all", token("", 3600)));
  }

  /**
   * Each would otherwise escape as an unchecked exception (an overflow, a header the HTTP client
   * refuses) from a call that has not reached the provider yet.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("unusableTokenAnswers")
  void a_token_answer_that_cannot_be_used_is_a_transient_failure(String what, String answer) {
    provider.stubFor(post("/oauth/token").willReturn(aResponse().withStatus(200).withBody(answer)));

    CredentialsException failure =
        org.junit.jupiter.api.Assertions.assertThrows(
            CredentialsException.class, () -> tokens().authorization());

    assertThat(failure.isTransient()).isTrue();
    assertThat(failure.getMessage()).contains("unreadable").doesNotContain("tok-x");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void a_refusal_by_the_token_endpoint_is_final_with_its_code_and_no_secret(
      String shape, String body) {
    provider.stubFor(
        post("/oauth/token")
            .willReturn(
                aResponse().withStatus(401).withHeader("Request-Id", "req_t").withBody(body)));
    OAuth2ClientCredentials tokens = tokens();

    CredentialsException failure =
        org.junit.jupiter.api.Assertions.assertThrows(
            CredentialsException.class, tokens::authorization);

    assertThat(failure.isTransient()).isFalse();
    assertThat(failure.status()).isEqualTo(401);
    assertThat(failure.code()).isEqualTo("invalid_client");
    assertThat(failure.requestId()).isEqualTo("req_t");
    assertThat(failure.getMessage() + tokens).doesNotContain("cs_token_test");
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of("RFC 6749", "{\"error\": \"invalid_client\"}"),
        Arguments.of("an error object", "{\"error\": {\"code\": \"invalid_client\"}}"));
  }

  @Test
  void an_overloaded_token_endpoint_is_transient_and_passes_on_its_retry_after() {
    provider.stubFor(
        post("/oauth/token")
            .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "3").withBody("")));

    CredentialsException failure =
        org.junit.jupiter.api.Assertions.assertThrows(
            CredentialsException.class, () -> tokens().authorization());

    assertThat(failure.isTransient()).isTrue();
    assertThat(failure.code()).isEqualTo("http_503");
    assertThat(failure.retryAfter()).contains(Duration.ofSeconds(3));
  }
}
