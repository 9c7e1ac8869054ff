package dev.paykit.transport.example;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.ProviderResult;
import dev.paykit.port.out.Secret;
import dev.paykit.port.shared.ProviderError;
import dev.paykit.transport.Credentials;
import dev.paykit.transport.Outcome;
import dev.paykit.transport.ProviderExchange;
import dev.paykit.transport.ProviderRequest;
import dev.paykit.transport.RetryAdvice;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The example of {@code docs/writing-a-gateway.md}, compiled and run: a client for a Stripe-style
 * API composed of the transport toolkit, outside the toolkit's package, so that it uses only what
 * the toolkit makes public.
 */
class ComposedGatewayExampleTest {

  // --- The example: keep it in step with docs/writing-a-gateway.md. ---

  /** The calls of a Stripe-style API, mapped to {@link ProviderResult}s. */
  static final class ChargesClient {
    private final ProviderExchange exchange;

    ChargesClient(URI baseUri, Secret apiKey, PaykitObserver observer, Clock clock) {
      HttpClient http = ProviderExchange.httpClient(baseUri, Duration.ofSeconds(10));
      this.exchange =
          ProviderExchange.builder(http, baseUri)
              .credentials(Credentials.bearer(apiKey))
              .timeout(Duration.ofSeconds(30))
              .retryAdvice(RetryAdvice.header("Stripe-Should-Retry"))
              .errorCode(ChargesClient::errorCode)
              .header("Accept", ProviderRequest.JSON)
              .observer(observer)
              .clock(clock)
              .build();
    }

    ProviderResult<String> createCharge(long amount, String currency, IdempotencyKey key) {
      byte[] form =
          ("amount=" + amount + "&currency=" + ProviderRequest.encode(currency)).getBytes(UTF_8);
      return result(
          exchange.run(
              ProviderRequest.post("createCharge", "/v1/charges", ProviderRequest.FORM, form)
                  .withIdempotencyKey(key.value())));
    }

    ProviderResult<String> getCharge(String chargeId) {
      return result(
          exchange.run(
              ProviderRequest.get("getCharge", "/v1/charges/" + ProviderRequest.encode(chargeId))));
    }

    /** Every outcome has its result; a real gateway reads the body into a domain type here. */
    private static ProviderResult<String> result(Outcome outcome) {
      if (outcome instanceof Outcome.Answered answer) {
        return answer.successful()
            ? new ProviderResult.Success<>(
                new String(answer.body(), UTF_8), answer.requestId(), false)
            : new ProviderResult.Rejected<>(
                new ProviderError(
                    ProviderError.Kind.OTHER, "http_" + answer.status(), null, null, null),
                answer.requestId());
      }
      if (outcome instanceof Outcome.NotActed failed) {
        return new ProviderResult.Unavailable<>(failed.detail());
      }
      if (outcome instanceof Outcome.MayHaveActed failed) {
        return new ProviderResult.Unknown<>(failed.detail());
      }
      Outcome.CredentialsRefused refused = (Outcome.CredentialsRefused) outcome;
      return new ProviderResult.Rejected<>(
          new ProviderError(
              ProviderError.Kind.AUTHENTICATION, refused.code(), refused.detail(), null, null),
          refused.requestId());
    }

    /** Stripe's error body is {@code {"error": {"code": ...}}}; a real gateway uses Jackson. */
    private static String errorCode(byte[] body) {
      String text = new String(body, UTF_8);
      int at = text.indexOf("\"code\":\"");
      return at < 0 ? null : text.substring(at + 8, text.indexOf('"', at + 8));
    }
  }

  // --- The example's test. ---

  private static final Secret API_KEY = Secret.of("sk_test_example_7Yq2");

  private HttpServer server;
  private final AtomicInteger creates = new AtomicInteger();
  private final List<String> keys = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    server.createContext(
        "/v1/charges",
        exchange -> {
          try (exchange) {
            exchange.getRequestBody().readAllBytes();
            boolean authorized =
                ("Bearer " + API_KEY.reveal())
                    .equals(exchange.getRequestHeaders().getFirst("Authorization"));
            String body;
            int status;
            if (!authorized) {
              status = 401;
              body = "{\"error\":{\"code\":\"invalid_api_key\"}}";
            } else if (exchange.getRequestMethod().equals("POST")) {
              keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
              // The first create meets a lock; Stripe says a repeat may succeed.
              status = creates.incrementAndGet() == 1 ? 409 : 200;
              exchange
                  .getResponseHeaders()
                  .set("Stripe-Should-Retry", status == 409 ? "true" : "false");
              body =
                  status == 409 ? "{\"error\":{\"code\":\"lock_timeout\"}}" : "{\"id\":\"ch_1\"}";
            } else {
              status = 200;
              body = "{\"id\":\"ch_1\"}";
            }
            exchange.getResponseHeaders().set("Request-Id", "req_" + creates.get());
            byte[] bytes = body.getBytes(UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Test
  void a_create_that_meets_a_lock_is_retried_with_the_same_key_and_succeeds() {
    ChargesClient client =
        new ChargesClient(base(), API_KEY, PaykitObserver.noop(), Clock.systemUTC());

    ProviderResult<String> created = client.createCharge(1050, "eur", IdempotencyKey.of("order-1"));

    assertThat(created)
        .isEqualTo(new ProviderResult.Success<>("{\"id\":\"ch_1\"}", "req_2", false));
    assertThat(keys).containsExactly("order-1", "order-1");
    assertThat(client.getCharge("ch_1")).isInstanceOf(ProviderResult.Success.class);
  }

  @Test
  void a_wrong_api_key_is_a_rejection() {
    ChargesClient client =
        new ChargesClient(
            base(), Secret.of("sk_test_wrong"), PaykitObserver.noop(), Clock.systemUTC());

    ProviderResult<String> result = client.getCharge("ch_1");

    assertThat(result).isInstanceOf(ProviderResult.Rejected.class);
    assertThat(((ProviderResult.Rejected<String>) result).error().code()).isEqualTo("http_401");
  }
}
