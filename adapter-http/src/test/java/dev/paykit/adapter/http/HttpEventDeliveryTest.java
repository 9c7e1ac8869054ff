package dev.paykit.adapter.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paykit.adapter.http.EventEndpoint.Answer;
import dev.paykit.adapter.http.EventEndpoint.Received;
import dev.paykit.domain.outbox.OutboxEvent;
import dev.paykit.domain.outbox.OutboxEventId;
import dev.paykit.domain.outbox.OutboxEventType;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.port.out.Secret;
import dev.paykit.port.shared.WebhookVerification;
import dev.paykit.sandbox.MutableClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The delivery adapter against a real endpoint on loopback (the JDK's HttpServer). */
class HttpEventDeliveryTest {
  static final Secret NEW_SECRET = secret("the-new-signing-key");
  static final Secret OLD_SECRET = secret("the-old-signing-key");

  /** Far longer than the request timeout: a call that waits for it was not cut off. */
  static final Duration SLOW = Duration.ofSeconds(10);

  /** Generous: a loaded machine's first exchange on a fresh client can take most of a second. */
  static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final MutableClock clock = MutableClock.at(Instant.parse("2026-12-01T12:00:00Z"));
  private final EventEndpoint endpoint = new EventEndpoint();
  private final Logger deliveryLog = (Logger) LoggerFactory.getLogger(HttpEventDelivery.class);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private Level previousLevel;

  @BeforeEach
  void captureTheLog() {
    previousLevel = deliveryLog.getLevel();
    deliveryLog.setLevel(Level.DEBUG);
    logged.start();
    deliveryLog.addAppender(logged);
  }

  @AfterEach
  void stop() {
    deliveryLog.detachAppender(logged);
    deliveryLog.setLevel(previousLevel);
    endpoint.close();
  }

  static Secret secret(String key) {
    return Secret.of("whsec_" + Base64.getEncoder().encodeToString(key.getBytes(UTF_8)));
  }

  static OutboxEvent succeeded(long sequence) {
    Map<String, String> payload = new LinkedHashMap<>();
    payload.put("state", "SUCCEEDED");
    payload.put("amount.value", "1050");
    payload.put("amount.currency", "EUR");
    payload.put("transactionId", "tx_42");
    return new OutboxEvent(
        OutboxEventId.random(),
        OutboxEventType.PAYMENT_SUCCEEDED,
        new PaymentId("pay_123"),
        null,
        new ExternalId("order-42"),
        sequence,
        Instant.parse("2026-12-01T11:59:58.123Z"),
        payload);
  }

  private HttpEventDelivery delivery(List<Secret> secrets) {
    return new HttpEventDelivery(
        new EventDeliverySettings(endpoint.url(), secrets, TIMEOUT, TIMEOUT), clock);
  }

  private HttpEventDelivery delivery() {
    return delivery(List.of(NEW_SECRET));
  }

  private WebhookVerification verify(Received request, Secret... secrets) {
    return new StandardWebhookVerifier(List.of(secrets), clock)
        .verify(request.body(), request.headers());
  }

  private List<String> logLines() {
    return logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Nested
  class WhatIsSent {
    @Test
    void a_delivery_verifies_with_the_adapters_own_verifier_and_carries_the_event_id()
        throws Exception {
      OutboxEvent event = succeeded(3);

      delivery().handle(event);

      Received request = endpoint.last();
      assertThat(verify(request, NEW_SECRET))
          .isInstanceOfSatisfying(
              WebhookVerification.Verified.class,
              verified -> {
                assertThat(verified.signedEventId().orElseThrow().value())
                    .isEqualTo(event.id().value());
                assertThat(verified.timestamp()).isEqualTo(clock.instant());
              });
      assertThat(request.path()).isEqualTo("/paykit-events");
      assertThat(request.headers().first("Content-Type")).contains("application/json");
    }

    @Test
    void the_body_is_the_event_as_json_with_its_payload_in_order() throws Exception {
      OutboxEvent event = succeeded(3);

      delivery().handle(event);

      JsonNode body = new ObjectMapper().readTree(endpoint.last().body());
      assertThat(body.properties())
          .extracting(Map.Entry::getKey)
          .containsExactly(
              "id",
              "type",
              "paymentId",
              "refundId",
              "externalId",
              "sequence",
              "occurredAt",
              "payload");
      assertThat(body.get("id").asText()).isEqualTo(event.id().value());
      assertThat(body.get("type").asText()).isEqualTo("payment.succeeded");
      assertThat(body.get("paymentId").asText()).isEqualTo("pay_123");
      assertThat(body.get("refundId").isNull()).isTrue();
      assertThat(body.get("externalId").asText()).isEqualTo("order-42");
      assertThat(body.get("sequence").asLong()).isEqualTo(3);
      assertThat(body.get("occurredAt").asText()).isEqualTo("2026-12-01T11:59:58.123Z");
      List<String> keys = new ArrayList<>();
      body.get("payload").fieldNames().forEachRemaining(keys::add);
      assertThat(keys).containsExactly("state", "amount.value", "amount.currency", "transactionId");
      assertThat(body.get("payload").get("amount.value").asText()).isEqualTo("1050");
    }

    @Test
    void a_refund_event_names_its_refund() throws Exception {
      OutboxEvent refund =
          new OutboxEvent(
              OutboxEventId.random(),
              OutboxEventType.REFUND_SUCCEEDED,
              new PaymentId("pay_123"),
              "ref_7",
              new ExternalId("order-42"),
              4,
              clock.instant(),
              Map.of("refundState", "SUCCEEDED"));

      delivery().handle(refund);

      JsonNode body = new ObjectMapper().readTree(endpoint.last().body());
      assertThat(body.get("type").asText()).isEqualTo("refund.succeeded");
      assertThat(body.get("refundId").asText()).isEqualTo("ref_7");
    }

    @Test
    void a_redelivery_carries_the_same_id_and_is_signed_anew_with_its_own_timestamp()
        throws Exception {
      OutboxEvent event = succeeded(1);
      HttpEventDelivery delivery = delivery();
      endpoint.thenAnswer(Answer.status(503));
      assertThatThrownBy(() -> delivery.handle(event))
          .isInstanceOf(EventDeliveryException.Unavailable.class);

      clock.advance(Duration.ofHours(2));
      delivery.handle(event);

      List<Received> requests = endpoint.received();
      assertThat(requests).hasSize(2);
      assertThat(requests)
          .extracting(r -> r.headers().first("webhook-id").orElseThrow())
          .containsOnly(event.id().value());
      assertThat(requests.get(1).headers().first("webhook-timestamp"))
          .contains(Long.toString(clock.instant().getEpochSecond()));
      assertThat(verify(requests.get(1), NEW_SECRET))
          .isInstanceOf(WebhookVerification.Verified.class);
      assertThat(verify(requests.get(0), NEW_SECRET))
          .as("two hours later, the first attempt's signature is too old to replay")
          .isInstanceOf(WebhookVerification.Rejected.class);
    }

    @Test
    void the_signature_covers_the_body() throws Exception {
      delivery().handle(succeeded(1));

      Received request = endpoint.last();
      byte[] tampered = new String(request.body(), UTF_8).replace("1050", "9999").getBytes(UTF_8);
      assertThat(
              new StandardWebhookVerifier(List.of(NEW_SECRET), clock)
                  .verify(tampered, request.headers()))
          .isInstanceOfSatisfying(
              WebhookVerification.Rejected.class,
              r ->
                  assertThat(r.reason())
                      .isEqualTo(WebhookVerification.Reason.NO_MATCHING_SIGNATURE));
    }
  }

  @Nested
  class SecretRotation {
    @Test
    void during_a_rotation_receivers_holding_either_secret_verify() throws Exception {
      delivery(List.of(NEW_SECRET, OLD_SECRET)).handle(succeeded(1));

      Received request = endpoint.last();
      assertThat(request.headers().first("webhook-signature").orElseThrow().split(" "))
          .hasSize(2)
          .allMatch(entry -> entry.startsWith("v1,"));
      assertThat(verify(request, OLD_SECRET)).isInstanceOf(WebhookVerification.Verified.class);
      assertThat(verify(request, NEW_SECRET)).isInstanceOf(WebhookVerification.Verified.class);
    }

    @Test
    void the_newest_secret_signs_first() throws Exception {
      delivery(List.of(NEW_SECRET, OLD_SECRET)).handle(succeeded(1));
      Received rotating = endpoint.last();
      delivery(List.of(NEW_SECRET)).handle(succeeded(1));
      Received rotated = endpoint.last();

      String first = rotating.headers().first("webhook-signature").orElseThrow().split(" ")[0];
      Received rotatingWithFirstOnly =
          new Received(rotating.path(), rotating.body(), withSignature(rotating, first));

      assertThat(verify(rotatingWithFirstOnly, NEW_SECRET))
          .isInstanceOf(WebhookVerification.Verified.class);
      assertThat(rotated.headers().first("webhook-signature").orElseThrow()).doesNotContain(" ");
    }

    @Test
    void once_the_old_secret_is_removed_a_receiver_holding_only_it_rejects() throws Exception {
      delivery(List.of(NEW_SECRET)).handle(succeeded(1));

      assertThat(verify(endpoint.last(), OLD_SECRET))
          .isInstanceOfSatisfying(
              WebhookVerification.Rejected.class,
              r ->
                  assertThat(r.reason())
                      .isEqualTo(WebhookVerification.Reason.NO_MATCHING_SIGNATURE));
    }

    private dev.paykit.port.shared.WebhookHeaders withSignature(Received request, String value) {
      Map<String, List<String>> headers = new LinkedHashMap<>(request.headers().values());
      headers.keySet().removeIf(name -> name.equalsIgnoreCase("webhook-signature"));
      headers.put("webhook-signature", List.of(value));
      return new dev.paykit.port.shared.WebhookHeaders(headers);
    }
  }

  @Nested
  class Failures {
    @Test
    void a_2xx_answer_is_a_delivery() throws Exception {
      endpoint.thenAnswer(Answer.status(200), Answer.status(202));
      HttpEventDelivery delivery = delivery();

      delivery.handle(succeeded(1));
      delivery.handle(succeeded(2));

      assertThat(endpoint.received()).hasSize(2);
    }

    @Test
    void a_server_error_is_unavailable_and_worth_another_attempt() {
      endpoint.thenAnswer(Answer.status(500), Answer.status(503));
      HttpEventDelivery delivery = delivery();

      for (int status : new int[] {500, 503}) {
        assertThatThrownBy(() -> delivery.handle(succeeded(1)))
            .isInstanceOfSatisfying(
                EventDeliveryException.Unavailable.class,
                e -> {
                  assertThat(e.status()).isEqualTo(status);
                  assertThat(e.retryAfter()).isEmpty();
                  assertThat(e.code()).isEqualTo("event_endpoint_unavailable");
                  assertThat(e.subject()).isEqualTo("event_endpoint:http_" + status);
                });
      }
      assertThat(endpoint.received()).hasSize(2);
    }

    @Test
    void a_request_timeout_answer_is_unavailable() {
      endpoint.thenAnswer(Answer.status(408));

      assertThatThrownBy(() -> delivery().handle(succeeded(1)))
          .isInstanceOfSatisfying(
              EventDeliveryException.Unavailable.class, e -> assertThat(e.status()).isEqualTo(408));
    }

    @Test
    void another_client_error_is_refused() {
      endpoint.thenAnswer(Answer.status(400), Answer.status(404), Answer.status(422));
      HttpEventDelivery delivery = delivery();

      for (int status : new int[] {400, 404, 422}) {
        assertThatThrownBy(() -> delivery.handle(succeeded(1)))
            .isInstanceOfSatisfying(
                EventDeliveryException.Refused.class,
                e -> {
                  assertThat(e.status()).isEqualTo(status);
                  assertThat(e.code()).isEqualTo("event_endpoint_refused");
                  assertThat(e.subject()).isEqualTo("event_endpoint:http_" + status);
                });
      }
    }

    @Test
    void a_redirect_is_not_followed_and_refused() {
      endpoint.thenAnswer(Answer.status(307, "Location", endpoint.url("/elsewhere").toString()));

      assertThatThrownBy(() -> delivery().handle(succeeded(1)))
          .isInstanceOfSatisfying(
              EventDeliveryException.Refused.class, e -> assertThat(e.status()).isEqualTo(307));
      assertThat(endpoint.received()).extracting(Received::path).containsExactly("/paykit-events");
    }

    @Test
    void an_endpoint_that_does_not_answer_in_time_times_out() {
      endpoint.thenAnswer(Answer.after(SLOW));

      long started = System.nanoTime();
      assertThatThrownBy(() -> delivery().handle(succeeded(1)))
          .isInstanceOfSatisfying(
              EventDeliveryException.Unavailable.class,
              e -> {
                assertThat(e.subject()).isEqualTo("event_endpoint:timeout");
                assertThat(e.status()).isZero();
              });
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SLOW.dividedBy(2));
    }

    @Test
    void a_body_that_trickles_in_past_the_deadline_times_out_too() {
      endpoint.thenAnswer(Answer.trickling(100));

      long started = System.nanoTime();
      assertThatThrownBy(() -> delivery().handle(succeeded(1)))
          .isInstanceOfSatisfying(
              EventDeliveryException.Unavailable.class,
              e -> assertThat(e.subject()).isEqualTo("event_endpoint:timeout"));
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .as("100 chunks 100 ms apart would take 10 s")
          .isLessThan(SLOW.dividedBy(2));
    }

    @Test
    void an_endpoint_nobody_listens_on_is_unavailable() throws Exception {
      int port;
      try (ServerSocket socket = new ServerSocket()) {
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        port = socket.getLocalPort();
      }
      HttpEventDelivery delivery =
          new HttpEventDelivery(
              EventDeliverySettings.of(
                  URI.create("http://127.0.0.1:" + port + "/events"), List.of(NEW_SECRET)),
              clock);

      assertThatThrownBy(() -> delivery.handle(succeeded(1)))
          .isInstanceOfSatisfying(
              EventDeliveryException.Unavailable.class,
              e -> assertThat(e.subject()).isEqualTo("event_endpoint:connection_failed"));
    }
  }

  @Nested
  class RetryAfter {
    @Test
    void a_429_with_retry_after_carries_the_wait_and_nothing_is_sent_before_it_passed()
        throws Exception {
      endpoint.thenAnswer(Answer.status(429, "Retry-After", "30"));
      HttpEventDelivery delivery = delivery();

      assertThatThrownBy(() -> delivery.handle(succeeded(1)))
          .isInstanceOfSatisfying(
              EventDeliveryException.Unavailable.class,
              e -> {
                assertThat(e.status()).isEqualTo(429);
                assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
              });
      clock.advance(Duration.ofSeconds(10));
      assertThatThrownBy(() -> delivery.handle(succeeded(2)))
          .as("another event, 10 s later")
          .isInstanceOfSatisfying(
              EventDeliveryException.Unavailable.class,
              e -> {
                assertThat(e.subject()).isEqualTo("event_endpoint:retry_after");
                assertThat(e.retryAfter()).contains(Duration.ofSeconds(20));
              });
      assertThat(endpoint.received()).hasSize(1);

      clock.advance(Duration.ofSeconds(20));
      delivery.handle(succeeded(2));

      assertThat(endpoint.received()).hasSize(2);
      assertThat(logLines())
          .filteredOn(line -> line.contains("asked to wait"))
          .singleElement()
          .satisfies(line -> assertThat(line).contains("429").contains("30000 ms"));
    }

    @Test
    void a_503_with_an_http_date_is_honoured_as_well() {
      String in45s =
          DateTimeFormatter.RFC_1123_DATE_TIME.format(
              clock.instant().plusSeconds(45).atOffset(ZoneOffset.UTC));
      endpoint.thenAnswer(Answer.status(503, "Retry-After", in45s));

      assertThatThrownBy(() -> delivery().handle(succeeded(1)))
          .isInstanceOfSatisfying(
              EventDeliveryException.Unavailable.class,
              e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(45)));
    }

    @Test
    void a_retry_after_beyond_an_hour_is_cut_to_an_hour() {
      endpoint.thenAnswer(Answer.status(429, "Retry-After", "999999"));

      assertThatThrownBy(() -> delivery().handle(succeeded(1)))
          .isInstanceOfSatisfying(
              EventDeliveryException.Unavailable.class,
              e -> assertThat(e.retryAfter()).contains(HttpEventDelivery.MAX_RETRY_AFTER));
    }

    @Test
    void a_429_without_retry_after_stops_nothing_that_follows() throws Exception {
      endpoint.thenAnswer(Answer.status(429));
      HttpEventDelivery delivery = delivery();
      assertThatThrownBy(() -> delivery.handle(succeeded(1)))
          .isInstanceOfSatisfying(
              EventDeliveryException.Unavailable.class, e -> assertThat(e.retryAfter()).isEmpty());

      delivery.handle(succeeded(2));

      assertThat(endpoint.received()).hasSize(2);
    }
  }

  @Nested
  class Gone {
    @Test
    void a_410_disables_the_endpoint_until_it_is_enabled_again() throws Exception {
      endpoint.thenAnswer(Answer.status(410));
      HttpEventDelivery delivery = delivery();

      assertThatThrownBy(() -> delivery.handle(succeeded(1)))
          .isInstanceOfSatisfying(
              EventDeliveryException.Disabled.class,
              e -> {
                assertThat(e.code()).isEqualTo("event_endpoint_disabled");
                assertThat(e.subject()).isEqualTo("event_endpoint:http_410");
              });
      assertThat(delivery.isDisabled()).isTrue();
      for (int i = 2; i <= 4; i++) {
        long sequence = i;
        assertThatThrownBy(() -> delivery.handle(succeeded(sequence)))
            .isInstanceOfSatisfying(
                EventDeliveryException.Disabled.class,
                e -> assertThat(e.subject()).isEqualTo("event_endpoint:disabled"));
      }
      assertThat(endpoint.received()).as("nothing sent after the 410").hasSize(1);
      assertThat(logLines()).filteredOn(line -> line.contains("410 Gone")).hasSize(1);

      delivery.enable();
      delivery.handle(succeeded(5));

      assertThat(delivery.isDisabled()).isFalse();
      assertThat(endpoint.received()).hasSize(2);
    }

    @Test
    void enabling_an_endpoint_that_is_not_disabled_changes_nothing() throws Exception {
      HttpEventDelivery delivery = delivery();

      delivery.enable();
      delivery.handle(succeeded(1));

      assertThat(delivery.isDisabled()).isFalse();
      assertThat(logLines()).noneMatch(line -> line.contains("enabled again"));
    }
  }

  @Nested
  class NothingSecretLeaks {
    @Test
    void no_log_line_or_error_holds_a_secret_the_body_or_the_urls_path_and_query() {
      Secret secret = secret("never-" + new Random().nextLong());
      HttpEventDelivery delivery =
          new HttpEventDelivery(
              new EventDeliverySettings(
                  endpoint.url("/hooks/s3cr3t-path?token=shop-token-123"),
                  List.of(secret),
                  TIMEOUT,
                  TIMEOUT),
              clock);
      endpoint.thenAnswer(
          Answer.status(204),
          Answer.status(500),
          Answer.status(404),
          Answer.status(429, "Retry-After", "5"),
          Answer.after(SLOW));
      List<String> texts = new ArrayList<>();
      Iterator<Duration> advances =
          List.of(
                  Duration.ZERO,
                  Duration.ZERO,
                  Duration.ZERO,
                  Duration.ZERO,
                  Duration.ofSeconds(6),
                  Duration.ZERO)
              .iterator();
      for (int i = 1; i <= 6; i++) {
        clock.advance(advances.next());
        try {
          delivery.handle(succeeded(i));
        } catch (EventDeliveryException e) {
          texts.add(e.getMessage());
          texts.add(e.toString());
          texts.add(e.subject());
        }
      }
      endpoint.thenAnswer(Answer.status(410));
      for (int i = 7; i <= 8; i++) {
        try {
          delivery.handle(succeeded(i));
        } catch (EventDeliveryException e) {
          texts.add(e.getMessage());
        }
      }
      texts.addAll(logLines());
      texts.add(
          new EventDeliverySettings(
                  endpoint.url("/hooks/s3cr3t-path?token=shop-token-123"),
                  List.of(secret),
                  TIMEOUT,
                  TIMEOUT)
              .toString());

      assertThat(logLines())
          .as("the run was logged")
          .anyMatch(line -> line.contains("answered 204"))
          .anyMatch(line -> line.contains("got no answer"))
          .anyMatch(line -> line.contains("410 Gone"));
      String key = secret.reveal().substring("whsec_".length());
      for (String forbidden :
          List.of(secret.reveal(), key, "s3cr3t-path", "shop-token-123", "tx_42", "SUCCEEDED")) {
        assertThat(texts).noneMatch(text -> text.contains(forbidden));
      }
    }
  }
}
