package dev.paykit.transport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.Secret;
import dev.paykit.sandbox.MutableClock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * The toolkit's exchange against a scripted loopback server: what it retries and what it never
 * does, with what it sends on each attempt, and what it keeps out of messages.
 */
class ProviderExchangeTest {
  static final Secret API_KEY = Secret.of("sk_test_4eC39HqLyjWDarjtT1zdp7dc");
  static final String BODY_SECRET = "4242424242424242";

  private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-24T10:00:00Z"));
  private final RecordingSleeper sleeper = new RecordingSleeper(clock);
  private final RecordingObserver observer = new RecordingObserver();
  private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private HttpServer server;

  /** One scripted answer; the last one is repeated once the script runs out. */
  private record Reply(int status, Map<String, String> headers, String body) {}

  private record Received(
      String method, String uri, Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      List<String> values = headers.get(name);
      return values == null ? null : values.get(0);
    }
  }

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/", this::answer);
    server.createContext(
        "/slow",
        exchange -> {
          try (exchange) {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = exchange.getResponseBody();
            // One byte every 100 ms for ten seconds: far past any timeout below.
            for (int i = 0; i < 100 && !stopped.await(100, TimeUnit.MILLISECONDS); i++) {
              body.write('x');
              body.flush();
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (IOException e) {
            // The client hung up on the body, as it should once its deadline passed.
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    stopped.countDown();
    server.stop(0);
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      received.add(
          new Received(
              exchange.getRequestMethod(),
              exchange.getRequestURI().toString(),
              Map.copyOf(exchange.getRequestHeaders()),
              exchange.getRequestBody().readAllBytes()));
      Reply reply = replies.size() > 1 ? replies.poll() : replies.peek();
      reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      byte[] body = reply.body().getBytes(UTF_8);
      exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
      exchange.getResponseBody().write(body);
    }
  }

  private void script(Reply... answers) {
    replies.addAll(List.of(answers));
  }

  private static Reply reply(int status, String requestId, String code, String... headers) {
    Map<String, String> all = new java.util.HashMap<>();
    all.put("Request-Id", requestId);
    for (int i = 0; i < headers.length; i += 2) {
      all.put(headers[i], headers[i + 1]);
    }
    return new Reply(
        status,
        all,
        "{\"error\": {\"code\": \"" + code + "\", \"card\": \"" + BODY_SECRET + "\"}}");
  }

  private URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private ProviderExchange.Builder exchange(int maxAttempts) {
    return ProviderExchange.builder(
            ProviderExchange.httpClient(base(), Duration.ofSeconds(2)), base())
        .credentials(Credentials.bearer(API_KEY))
        .timeout(Duration.ofSeconds(5))
        .retryPolicy(
            new RetryPolicy(
                maxAttempts, Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofSeconds(60)))
        .errorCode(ProviderExchangeTest::errorCode)
        .observer(observer)
        .clock(clock)
        .random(FixedRandom.HIGHEST)
        .sleeper(sleeper);
  }

  /** The test's provider writes its code first, as {@code {"error": {"code": "..."}}}. */
  private static String errorCode(byte[] body) {
    String text = new String(body, UTF_8);
    int start = text.indexOf("\"code\": \"");
    return start < 0 ? null : text.substring(start + 9, text.indexOf('"', start + 9));
  }

  private static ProviderRequest create(String key) {
    return ProviderRequest.post(
            "createCharge",
            "/v1/charges",
            ProviderRequest.FORM,
            ("amount=1050&currency=eur&card=" + BODY_SECRET).getBytes(UTF_8))
        .withIdempotencyKey(key);
  }

  @Test
  void a_form_post_goes_out_with_the_api_key_the_key_and_the_body_as_given() {
    script(new Reply(200, Map.of("Request-Id", "req_1"), "{\"id\": \"ch_1\"}"));

    Outcome outcome = exchange(3).header("Stripe-Version", "2024-06-20").build().run(create("k-1"));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            Outcome.Answered.class,
            answer -> {
              assertThat(answer.status()).isEqualTo(200);
              assertThat(answer.requestId()).isEqualTo("req_1");
              assertThat(answer.attempts()).isEqualTo(1);
              assertThat(new String(answer.body(), UTF_8)).isEqualTo("{\"id\": \"ch_1\"}");
            });
    Received request = received.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.uri()).isEqualTo("/v1/charges");
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + API_KEY.reveal());
    assertThat(request.header("Content-type")).isEqualTo(ProviderRequest.FORM);
    assertThat(request.header("Idempotency-key")).isEqualTo("k-1");
    assertThat(request.header("Stripe-version")).isEqualTo("2024-06-20");
    assertThat(new String(request.body(), UTF_8))
        .isEqualTo("amount=1050&currency=eur&card=" + BODY_SECRET);
  }

  @Test
  void a_get_keeps_its_query_and_a_base_path_prefix() {
    script(new Reply(200, Map.of(), "{}"));
    URI prefixed = URI.create(base() + "/provider/");
    ProviderExchange exchange =
        ProviderExchange.builder(
                ProviderExchange.httpClient(prefixed, Duration.ofSeconds(2)), prefixed)
            .credentials(Credentials.bearer(API_KEY))
            .build();

    exchange.run(
        ProviderRequest.get(
            "listCharges",
            "/v1/charges?limit=3&starting_after=" + ProviderRequest.encode("ch 1/2")));

    assertThat(received.get(0).method()).isEqualTo("GET");
    assertThat(received.get(0).uri())
        .isEqualTo("/provider/v1/charges?limit=3&starting_after=ch%201%2F2");
  }

  @Test
  void the_request_id_is_read_from_the_configured_header() {
    script(new Reply(200, Map.of("X-Request-Id", "req_x", "Request-Id", "req_other"), "{}"));

    Outcome outcome = exchange(1).requestIdHeader("X-Request-Id").build().run(create("k-1"));

    assertThat(((Outcome.Answered) outcome).requestId()).isEqualTo("req_x");
  }

  @Test
  void overloaded_answers_are_retried_with_the_same_key_and_body_until_one_is_final() {
    script(
        reply(503, "req_a", "unavailable"),
        reply(500, "req_b", "internal_error"),
        new Reply(201, Map.of("Request-Id", "req_c"), "{}"));

    Outcome outcome = exchange(4).build().run(create("k-same"));

    assertThat(outcome).isInstanceOf(Outcome.Answered.class);
    assertThat(outcome.attempts()).isEqualTo(3);
    assertThat(received).extracting(r -> r.header("Idempotency-key")).containsOnly("k-same");
    assertThat(received)
        .extracting(r -> new String(r.body(), UTF_8))
        .hasSize(3)
        .containsOnly("amount=1050&currency=eur&card=" + BODY_SECRET);
    // Full jitter drawn at its top: the base, then twice the base.
    assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
    assertThat(observer.events(PaykitEvent.ProviderRetry.class))
        .extracting(PaykitEvent.ProviderRetry::cause)
        .containsExactly("503 unavailable", "500 internal_error");
  }

  @Test
  void rate_limiting_through_every_attempt_did_not_act_and_keeps_the_last_request_id() {
    script(reply(429, "req_429", "rate_limited"));

    Outcome outcome = exchange(3).build().run(create("k-1"));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            Outcome.NotActed.class,
            failed -> {
              assertThat(failed.status()).isEqualTo(429);
              assertThat(failed.code()).isEqualTo("rate_limited");
              assertThat(failed.requestId()).isEqualTo("req_429");
              assertThat(failed.attempts()).isEqualTo(3);
              assertThat(failed.detail()).contains("after 3 attempt(s)");
            });
    assertThat(received).hasSize(3);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {400, 402, 403, 404, 409, 422})
  void a_client_error_is_the_answer_and_never_retried(int status) {
    script(reply(status, "req_4xx", "refused"));

    Outcome outcome = exchange(4).build().run(create("k-1"));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            Outcome.Answered.class, answer -> assertThat(answer.status()).isEqualTo(status));
    assertThat(received).hasSize(1);
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void a_static_api_key_refused_with_401_is_the_answer_without_a_repeat() {
    script(reply(401, "req_401", "invalid_api_key"));

    Outcome outcome = exchange(4).build().run(create("k-1"));

    assertThat(((Outcome.Answered) outcome).status()).isEqualTo(401);
    assertThat(received).hasSize(1);
  }

  @Test
  void retry_after_in_seconds_is_waited_as_given() {
    script(
        reply(429, "req_429", "rate_limited", "Retry-After", "7"), new Reply(200, Map.of(), "{}"));

    exchange(3).build().run(create("k-1"));

    assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void retry_after_as_an_http_date_is_waited_until_that_date() {
    String inNineSeconds =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            clock.instant().plusSeconds(9).atOffset(ZoneOffset.UTC));
    script(
        reply(503, "req_503", "unavailable", "Retry-After", inNineSeconds),
        new Reply(200, Map.of(), "{}"));

    exchange(3).build().run(create("k-1"));

    assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(9));
  }

  @Test
  void a_retry_after_beyond_the_budget_ends_the_exchange_at_once() {
    script(reply(429, "req_429", "rate_limited", "Retry-After", "120"));

    Outcome outcome = exchange(5).build().run(create("k-1"));

    assertThat(outcome).isInstanceOf(Outcome.NotActed.class);
    assertThat(sleeper.waits()).isEmpty();
    assertThat(received).hasSize(1);
  }

  @Test
  void a_should_retry_false_hint_makes_an_overloaded_answer_final() {
    script(reply(503, "req_503", "unavailable", "Stripe-Should-Retry", "false"));

    Outcome outcome =
        exchange(4).retryAdvice(RetryAdvice.header("Stripe-Should-Retry")).build().run(create("k"));

    assertThat(((Outcome.Answered) outcome).status()).isEqualTo(503);
    assertThat(received).hasSize(1);
  }

  @Test
  void a_should_retry_true_hint_retries_a_conflict_and_giving_up_may_have_acted() {
    script(reply(409, "req_409", "lock_timeout", "Stripe-Should-Retry", "true"));

    Outcome outcome =
        exchange(3).retryAdvice(RetryAdvice.header("Stripe-Should-Retry")).build().run(create("k"));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            Outcome.MayHaveActed.class,
            failed -> {
              assertThat(failed.status()).isEqualTo(409);
              assertThat(failed.code()).isEqualTo("lock_timeout");
            });
    assertThat(received).hasSize(3).extracting(r -> r.header("Idempotency-key")).containsOnly("k");
  }

  @Test
  void without_the_hint_header_the_default_decides() {
    script(reply(409, "req_409", "conflict"));

    Outcome outcome =
        exchange(3).retryAdvice(RetryAdvice.header("Stripe-Should-Retry")).build().run(create("k"));

    assertThat(((Outcome.Answered) outcome).status()).isEqualTo(409);
    assertThat(received).hasSize(1);
  }

  @Test
  void a_gateway_can_say_its_provider_may_have_acted_on_a_5xx() {
    script(reply(500, "req_500", "api_error"));
    RetryAdvice fiveHundredsMayHaveActed =
        (answer, byDefault) ->
            answer.status() >= 500 && byDefault.retries()
                ? RetryAdvice.Decision.RETRY_MAY_HAVE_ACTED
                : byDefault;

    Outcome outcome = exchange(2).retryAdvice(fiveHundredsMayHaveActed).build().run(create("k"));

    assertThat(outcome).isInstanceOf(Outcome.MayHaveActed.class);
    assertThat(received).hasSize(2);
  }

  @Test
  void a_refused_connection_is_retried_and_the_provider_did_not_act() throws IOException {
    URI closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
    ProviderExchange exchange =
        ProviderExchange.builder(ProviderExchange.httpClient(closed, Duration.ofSeconds(2)), closed)
            .credentials(Credentials.bearer(API_KEY))
            .retryPolicy(
                new RetryPolicy(
                    3, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(9)))
            .clock(clock)
            .sleeper(sleeper)
            .build();

    Outcome outcome = exchange.run(create("k"));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            Outcome.NotActed.class,
            failed -> {
              assertThat(failed.code()).isEqualTo("connection_failed");
              assertThat(failed.status()).isZero();
              assertThat(failed.attempts()).isEqualTo(3);
            });
  }

  @Test
  void a_body_slower_than_the_timeout_ends_the_exchange_at_its_deadline_as_may_have_acted() {
    Duration timeout = Duration.ofMillis(800);
    ProviderExchange exchange = exchange(1).timeout(timeout).build();

    long start = System.nanoTime();
    Outcome outcome = exchange.run(ProviderRequest.get("slow", "/slow"));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(outcome)
        .isInstanceOfSatisfying(
            Outcome.MayHaveActed.class, failed -> assertThat(failed.code()).isEqualTo("timeout"));
    // The body would take ten seconds; headers came at once, so only a whole-exchange bound stops
    // it.
    assertThat(took).isBetween(timeout.minusMillis(50), timeout.plusMillis(2500));
  }

  @Test
  void no_body_api_key_or_token_reaches_an_outcome_a_log_line_an_event_or_a_to_string() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    Level previous = root.getLevel();
    root.setLevel(Level.DEBUG);
    lines.start();
    root.addAppender(lines);
    List<Object> seen = new ArrayList<>();
    try {
      script(reply(503, "req_503", "unavailable"), reply(400, "req_400", "card_declined"));
      ProviderExchange exchange = exchange(3).build();
      seen.add(exchange.run(create("k-1")));
      replies.clear();
      script(reply(503, "req_503", "unavailable"));
      seen.add(exchange.run(create("k-2")));
      seen.add(create("k-3"));
      seen.add(Credentials.bearer(API_KEY));
      seen.add(
          OAuth2ClientCredentials.builder(
                  HttpClient.newHttpClient(), base(), "client-1", Secret.of("cs_never_shown"))
              .build());
    } finally {
      root.detachAppender(lines);
      root.setLevel(previous);
    }
    seen.addAll(observer.events(PaykitEvent.class));
    lines.list.forEach(line -> seen.add(line.getFormattedMessage()));

    assertThat(lines.list).anyMatch(line -> line.getFormattedMessage().contains("retrying in"));
    assertThat(seen.stream().map(String::valueOf))
        .isNotEmpty()
        .noneMatch(text -> text.contains(BODY_SECRET))
        .noneMatch(text -> text.contains(API_KEY.reveal()))
        .noneMatch(text -> text.contains("cs_never_shown"))
        .noneMatch(text -> text.contains("k-3"));
  }
}
