package dev.paykit.inbound.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.paykit.domain.PaykitException;
import dev.paykit.domain.ValidationException;
import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.in.ReceiveWebhook;
import dev.paykit.port.in.WebhookReceipt;
import dev.paykit.port.shared.WebhookHeaders;
import dev.paykit.testkit.fake.SignedWebhook;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** The endpoint without any server: requests in, answers out, against a real core. */
class WebhookEndpointTest {
  private final Shop shop = new Shop();
  private final List<WebhookDelivery> heard = new ArrayList<>();
  private final WebhookEndpoint endpoint = new WebhookEndpoint(shop.receive(), heard::add);

  @Test
  void a_genuine_delivery_is_accepted_stored_and_heard_byte_for_byte() throws Exception {
    SignedWebhook webhook = shop.paid("order-1");

    WebhookAnswer answer = endpoint.handle(post(webhook));

    assertThat(answer)
        .isEqualTo(
            new WebhookAnswer(200, "application/json", "{\"result\":\"accepted\"}", Map.of()));
    assertThat(shop.stored(webhook)).isTrue();
    assertThat(heard)
        .singleElement()
        .satisfies(d -> assertThat(d.body()).isEqualTo(webhook.body()));
  }

  @Test
  void a_redelivery_is_acknowledged_as_a_duplicate() throws Exception {
    SignedWebhook webhook = shop.paid("order-twice");
    endpoint.handle(post(webhook));

    WebhookAnswer again = endpoint.handle(post(webhook));

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body()).isEqualTo("{\"result\":\"duplicate\"}");
  }

  @Test
  void a_forgery_is_rejected_with_401_and_its_reason() throws Exception {
    SignedWebhook forged = shop.paid("order-forged").forged();

    WebhookAnswer answer = endpoint.handle(post(forged));

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.body())
        .isEqualTo("{\"result\":\"rejected\",\"reason\":\"NO_MATCHING_SIGNATURE\"}");
    assertThat(shop.stored(forged)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET", "PUT", "DELETE", "HEAD", "PATCH", "post"})
  void anything_but_post_is_answered_405_with_allow_and_nothing_is_read(String method)
      throws Exception {
    WebhookAnswer answer =
        endpoint.handle(new WebhookRequest(method, jsonHeaders(), 10, new MustNotBeRead()));

    assertThat(answer.status()).isEqualTo(405);
    assertThat(answer.headers()).containsEntry("Allow", "POST");
    assertThat(heard).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json",
        "application/json; charset=utf-8",
        "Application/JSON;charset=UTF-8",
        " application/json "
      })
  void json_with_or_without_parameters_is_taken(String contentType) throws Exception {
    SignedWebhook webhook = shop.paid("order-" + contentType.hashCode());

    WebhookAnswer answer = endpoint.handle(post(webhook, contentType));

    assertThat(answer.status()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "text/plain",
        "application/jsonp",
        "application/x-www-form-urlencoded",
        "text/json",
        ""
      })
  void any_other_content_type_is_answered_415_and_nothing_is_read(String contentType)
      throws Exception {
    WebhookHeaders headers = WebhookHeaders.of(Map.of("Content-Type", contentType));

    WebhookAnswer answer =
        endpoint.handle(new WebhookRequest("POST", headers, 10, new MustNotBeRead()));

    assertThat(answer.status()).isEqualTo(415);
    assertThat(answer.body()).isEqualTo("{\"result\":\"unsupported_media_type\"}");
  }

  @Test
  void a_request_without_a_content_type_is_answered_415() throws Exception {
    WebhookAnswer answer =
        endpoint.handle(
            new WebhookRequest("POST", WebhookHeaders.of(Map.of()), 10, new MustNotBeRead()));

    assertThat(answer.status()).isEqualTo(415);
  }

  @Test
  void a_declared_length_over_the_limit_is_answered_413_without_reading_a_byte() throws Exception {
    WebhookAnswer answer =
        endpoint.handle(
            new WebhookRequest(
                "POST",
                jsonHeaders(),
                WebhookEndpoint.DEFAULT_MAX_BODY_BYTES + 1L,
                new MustNotBeRead()));

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.body()).isEqualTo("{\"result\":\"too_large\"}");
  }

  @Test
  void a_body_of_unknown_length_is_read_no_further_than_one_byte_past_the_limit() throws Exception {
    WebhookEndpoint small = limitedTo(1000);
    Endless body = new Endless();

    WebhookAnswer answer =
        small.handle(
            new WebhookRequest("POST", jsonHeaders(), WebhookRequest.UNKNOWN_LENGTH, body));

    assertThat(answer.status()).isEqualTo(413);
    assertThat(body.read).isEqualTo(1001);
    assertThat(heard).isEmpty();
  }

  @Test
  void a_body_exactly_at_the_limit_is_taken() throws Exception {
    SignedWebhook webhook = shop.paid("order-limit");
    WebhookEndpoint exact = limitedTo(webhook.body().length);

    WebhookAnswer answer =
        exact.handle(
            new WebhookRequest(
                "POST",
                withJson(webhook.headers()),
                WebhookRequest.UNKNOWN_LENGTH,
                new ByteArrayInputStream(webhook.body())));

    assertThat(answer.status()).isEqualTo(200);
  }

  @Test
  void a_signed_body_that_is_not_an_event_is_answered_400_malformed_body() throws Exception {
    WebhookAnswer answer =
        answerWhen((provider, body, headers) -> new WebhookReceipt.Rejected(null, "not an event"));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body()).isEqualTo("{\"result\":\"rejected\",\"reason\":\"MALFORMED_BODY\"}");
  }

  @Test
  void a_genuine_event_of_an_unmodelled_kind_is_acknowledged_as_ignored() throws Exception {
    WebhookAnswer answer =
        answerWhen(
            (provider, body, headers) ->
                new WebhookReceipt.Ignored(new EventId("evt_1"), "payout.paid"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("{\"result\":\"ignored\"}");
  }

  /** The check that a new kind of receipt cannot go unanswered. */
  @Test
  void every_kind_of_receipt_is_answered_with_its_own_status() throws Exception {
    Class<?>[] kinds = WebhookReceipt.class.getPermittedSubclasses();

    assertThat(kinds).hasSizeGreaterThanOrEqualTo(4);
    for (Class<?> kind : kinds) {
      WebhookReceipt receipt = emptyInstanceOf(kind);

      WebhookAnswer answer = Answers.of(receipt);

      assertThat(answer.status()).as(kind.getSimpleName()).isEqualTo(receipt.httpStatus());
      assertThat(answer.body()).as(kind.getSimpleName()).startsWith("{\"result\":\"");
    }
  }

  @Test
  void a_paykit_error_is_answered_with_its_own_status_and_code() throws Exception {
    WebhookAnswer answer =
        answerWhen(
            (provider, body, headers) -> {
              throw new TestError("inbox_conflict", 409);
            });

    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.body()).isEqualTo("{\"result\":\"error\",\"code\":\"inbox_conflict\"}");
    assertThat(answer.headers()).doesNotContainKey("Retry-After");
  }

  @Test
  void a_paykit_error_that_is_a_503_says_when_to_retry() throws Exception {
    WebhookAnswer answer =
        answerWhen(
            (provider, body, headers) -> {
              throw new TestError("provider_unavailable", 503);
            });

    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.headers()).containsEntry("Retry-After", "10");
  }

  @Test
  void any_other_failure_of_the_store_is_a_503_with_retry_after_so_nothing_is_lost()
      throws Exception {
    WebhookEndpoint endpoint =
        new WebhookEndpoint(
            (provider, body, headers) -> {
              throw new IllegalStateException("database down");
            },
            heard::add,
            WebhookEndpoint.Settings.defaults().withRetryAfter(Duration.ofSeconds(30)));

    WebhookAnswer answer = endpoint.handle(post(shop.paid("order-down")));

    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.headers()).containsEntry("Retry-After", "30");
    assertThat(answer.body()).isEqualTo("{\"result\":\"unavailable\"}");
    assertThat(heard).isEmpty();
  }

  @Test
  void a_listener_that_fails_does_not_change_the_answer() throws Exception {
    SignedWebhook webhook = shop.paid("order-listener");
    WebhookEndpoint endpoint =
        new WebhookEndpoint(
            shop.receive(),
            delivery -> {
              throw new IllegalStateException("listener broke");
            });

    WebhookAnswer answer = endpoint.handle(post(webhook));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(shop.stored(webhook)).isTrue();
  }

  @Test
  void nothing_of_the_body_or_the_signature_is_logged_and_the_event_id_is_escaped()
      throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(WebhookEndpoint.class);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    Level before = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    captured.start();
    logger.addAppender(captured);
    SignedWebhook webhook = shop.paid("order-logged");
    String signature = webhook.headers().first("webhook-signature").orElseThrow();
    Map<String, String> forgedId = new HashMap<>(single(webhook.headers()));
    forgedId.put("webhook-id", "evt_1\nINFO admin logged in");
    try {
      endpoint.handle(post(webhook));
      endpoint.handle(
          post(new SignedWebhook(webhook.eventId(), webhook.body(), WebhookHeaders.of(forgedId))));
      new WebhookEndpoint(
              (provider, body, headers) -> {
                throw new IllegalStateException(
                    "insert failed for " + new String(body, StandardCharsets.UTF_8));
              })
          .handle(post(webhook));
    } finally {
      logger.detachAppender(captured);
      logger.setLevel(before);
    }
    String body = new String(webhook.body(), StandardCharsets.UTF_8);

    assertThat(captured.list).hasSizeGreaterThanOrEqualTo(3);
    for (ILoggingEvent event : captured.list) {
      String line = event.getFormattedMessage();
      assertThat(line).doesNotContain(signature).doesNotContain("insert failed");
      assertThat(line).doesNotContain("\n");
      Arrays.stream(body.split("\n"))
          .filter(field -> field.length() > 12)
          .forEach(field -> assertThat(line).doesNotContain(field));
    }
    assertThat(captured.list)
        .anySatisfy(
            e -> assertThat(e.getFormattedMessage()).contains("evt_1\\nINFO admin logged in"));
  }

  @Test
  void requests_and_deliveries_print_no_body_and_no_header_value() throws Exception {
    SignedWebhook webhook = shop.paid("order-printed");
    String signature = webhook.headers().first("webhook-signature").orElseThrow();
    WebhookDelivery delivery =
        new WebhookDelivery(
            webhook.body(), webhook.headers(), new WebhookReceipt.Accepted(webhook.eventId()));

    assertThat(post(webhook).toString()).doesNotContain(signature).contains("webhook-signature");
    assertThat(delivery.toString())
        .doesNotContain(signature)
        .doesNotContain("data.amount")
        .contains(webhook.eventId().value());
  }

  @Test
  void settings_out_of_range_are_refused_naming_the_field() {
    WebhookEndpoint.Settings settings = WebhookEndpoint.Settings.defaults();

    assertThatThrownBy(() -> settings.withMaxBodyBytes(0))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("maxBodyBytes"));
    assertThatThrownBy(() -> settings.withRetryAfter(Duration.ofMillis(500)))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("retryAfter"));
  }

  private WebhookEndpoint limitedTo(int maxBodyBytes) {
    return new WebhookEndpoint(
        shop.receive(),
        heard::add,
        WebhookEndpoint.Settings.defaults().withMaxBodyBytes(maxBodyBytes));
  }

  private WebhookAnswer answerWhen(ReceiveWebhook receive) throws IOException {
    return new WebhookEndpoint(receive, heard::add).handle(post(shop.paid("order-stub")));
  }

  private static WebhookRequest post(SignedWebhook webhook) {
    return post(webhook, "application/json");
  }

  private static WebhookRequest post(SignedWebhook webhook, String contentType) {
    Map<String, List<String>> headers = new HashMap<>(webhook.headers().values());
    headers.put("Content-Type", List.of(contentType));
    byte[] body = webhook.body();
    return new WebhookRequest(
        "POST", new WebhookHeaders(headers), body.length, new ByteArrayInputStream(body));
  }

  private static WebhookHeaders withJson(WebhookHeaders headers) {
    Map<String, List<String>> all = new HashMap<>(headers.values());
    all.put("Content-Type", List.of("application/json"));
    return new WebhookHeaders(all);
  }

  private static WebhookHeaders jsonHeaders() {
    return WebhookHeaders.of(Map.of("Content-Type", "application/json"));
  }

  private static Map<String, String> single(WebhookHeaders headers) {
    Map<String, String> single = new HashMap<>();
    headers.values().forEach((name, values) -> single.put(name, values.get(0)));
    return single;
  }

  /** A receipt of {@code kind} with every component null: the answer must not depend on them. */
  private static WebhookReceipt emptyInstanceOf(Class<?> kind) throws Exception {
    RecordComponent[] components = kind.getRecordComponents();
    Class<?>[] types =
        Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new);
    Constructor<?> canonical = kind.getDeclaredConstructor(types);
    return (WebhookReceipt) canonical.newInstance(new Object[components.length]);
  }

  private static final class TestError extends PaykitException {
    private static final long serialVersionUID = 1L;

    TestError(String code, int status) {
      super(code, "webhook", status, "a typed error for the test");
    }
  }

  /** A body the endpoint must answer without touching. */
  private static final class MustNotBeRead extends InputStream {
    @Override
    public int read() {
      throw new AssertionError("the body was read");
    }
  }

  /** A body that never ends, counting what was read of it. */
  private static final class Endless extends InputStream {
    long read;

    @Override
    public int read() {
      read++;
      return '{';
    }

    @Override
    public int read(byte[] b, int off, int len) {
      Arrays.fill(b, off, off + len, (byte) '{');
      read += len;
      return len;
    }
  }
}
