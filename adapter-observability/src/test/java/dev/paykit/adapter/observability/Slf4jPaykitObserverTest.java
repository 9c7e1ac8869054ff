package dev.paykit.adapter.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.paykit.domain.outbox.OutboxEventId;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.payment.TransitionResult;
import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.shared.OutboxBacklog;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

class Slf4jPaykitObserverTest {
  private final Logger logger = (Logger) LoggerFactory.getLogger("dev.paykit.test-events");
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final Slf4jPaykitObserver observer = new Slf4jPaykitObserver(logger);

  @BeforeEach
  void capture() {
    lines.start();
    logger.addAppender(lines);
  }

  @AfterEach
  void release() {
    logger.detachAppender(lines);
  }

  @Test
  void logs_a_transition_as_one_line_with_ids_state_source_and_event_id() {
    Payment payment = ObservedPayments.created("order-8812");
    Instant at = ObservedPayments.CREATED_AT.plusSeconds(5);
    TransitionResult result = ObservedPayments.report(payment, ProviderStatus.CONFIRMED, null, at);

    observer.on(new PaykitEvent.PaymentTransition(at, result.payment(), result.entry()));

    assertThat(lines.list).hasSize(1);
    ILoggingEvent line = lines.list.get(0);
    assertThat(line.getMessage()).isEqualTo("payment.transition");
    assertThat(keyValues(line))
        .containsEntry("paymentId", payment.id().value())
        .containsEntry("externalId", "order-8812")
        .containsEntry("state", "SUCCEEDED")
        .containsEntry("outcome", "APPLIED")
        .containsEntry("source", "WEBHOOK")
        .containsEntry("eventId", "evt_confirmed");
  }

  @Test
  void never_logs_metadata_or_return_urls() {
    Payment payment = ObservedPayments.created("order-1");
    observer.on(new PaykitEvent.PaymentCreated(ObservedPayments.CREATED_AT, payment));

    String everything = lines.list.get(0).getFormattedMessage() + keyValues(lines.list.get(0));
    assertThat(everything).doesNotContain("buyer@example.com").doesNotContain("shop.example");
  }

  @Test
  void an_anomaly_is_logged_as_an_error() {
    Payment paid =
        ObservedPayments.report(
                ObservedPayments.created("o-1"),
                ProviderStatus.CONFIRMED,
                null,
                ObservedPayments.CREATED_AT)
            .payment();
    TransitionResult contradiction =
        ObservedPayments.report(
            paid, ProviderStatus.EXPIRED, null, ObservedPayments.CREATED_AT.plusSeconds(1));

    observer.on(
        new PaykitEvent.PaymentTransition(
            contradiction.entry().at(), contradiction.payment(), contradiction.entry()));

    assertThat(lines.list.get(0).getLevel()).isEqualTo(ch.qos.logback.classic.Level.ERROR);
    assertThat(lines.list.get(0).getMessage()).isEqualTo("payment.anomaly");
  }

  @Test
  void a_provider_error_without_an_answer_logs_no_request_id() {
    observer.on(
        new PaykitEvent.ProviderFailure(
            ObservedPayments.CREATED_AT, "createPayment", 0, "timeout", null));
    observer.on(
        new PaykitEvent.ProviderFailure(
            ObservedPayments.CREATED_AT, "createPayment", 503, "unavailable", "req_9"));

    assertThat(keyValues(lines.list.get(0)))
        .doesNotContainKey("requestId")
        .containsEntry("code", "timeout");
    assertThat(keyValues(lines.list.get(1))).containsEntry("requestId", "req_9");
  }

  @Test
  void a_line_break_in_a_logged_value_is_escaped_so_it_cannot_forge_a_line() {
    String forged =
        "no refund known for provider refund rf_1\n2026-11-24 10:00:00 ERROR dev.paykit.events"
            + " payment.anomaly paymentId=pay_1";

    observer.on(
        new PaykitEvent.WebhookRetryScheduled(
            ObservedPayments.CREATED_AT, new EventId("evt_1"), 1, forged));
    observer.on(
        new PaykitEvent.WebhookRejected(ObservedPayments.CREATED_AT, "MALFORMED_BODY", forged));
    observer.on(
        new PaykitEvent.ProviderFailure(
            ObservedPayments.CREATED_AT, "createPayment", 400, "bad\r\ncode", "req_\u001b[2J"));

    assertThat(lines.list).hasSize(3);
    for (ILoggingEvent line : lines.list) {
      assertThat(line.getFormattedMessage() + keyValues(line))
          .doesNotContain("\n")
          .doesNotContain("\r")
          .doesNotContain("\u001b");
    }
    assertThat(keyValues(lines.list.get(0)).get("error")).isEqualTo(forged.replace("\n", "\\n"));
    assertThat(keyValues(lines.list.get(2)))
        .containsEntry("code", "bad\\r\\ncode")
        .containsEntry("requestId", "req_\\u001b[2J");
  }

  @Test
  void an_ignored_webhook_is_logged_with_its_event_id_and_type() {
    observer.on(
        new PaykitEvent.WebhookIgnored(
            ObservedPayments.CREATED_AT, new EventId("evt_1"), "dispute.created"));

    assertThat(lines.list).hasSize(1);
    assertThat(lines.list.get(0).getLevel()).isEqualTo(ch.qos.logback.classic.Level.INFO);
    assertThat(lines.list.get(0).getMessage()).isEqualTo("webhook.ignored");
    assertThat(keyValues(lines.list.get(0)))
        .containsEntry("eventId", "evt_1")
        .containsEntry("type", "dispute.created");
  }

  @Test
  void every_event_type_is_logged_as_one_line_named_after_it() {
    for (PaykitEvent event : EveryEvent.oneOfEach()) {
      lines.list.clear();

      observer.on(event);

      assertThat(lines.list)
          .as("log lines for %s", event.getClass().getSimpleName())
          .hasSize(1)
          .allSatisfy(line -> assertThat(line.getMessage()).isNotBlank());
    }
  }

  @Test
  void a_delivered_outbox_event_is_logged_by_id_type_attempts_and_latency_only() {
    observer.on(
        new PaykitEvent.OutboxDelivered(
            ObservedPayments.CREATED_AT,
            new OutboxEventId("pkevt_1"),
            "payment.succeeded",
            2,
            Duration.ofMillis(1500)));

    assertThat(lines.list).hasSize(1);
    assertThat(lines.list.get(0).getLevel()).isEqualTo(ch.qos.logback.classic.Level.INFO);
    assertThat(lines.list.get(0).getMessage()).isEqualTo("outbox.delivered");
    assertThat(keyValues(lines.list.get(0)))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "eventId", "pkevt_1",
                "type", "payment.succeeded",
                "attempts", "2",
                "latencyMs", "1500"));
  }

  @Test
  void an_outbox_retry_is_a_warning_and_a_dead_letter_an_error_with_the_error_escaped() {
    String forged = "com.shop.Boom\n2026-11-24 10:00:00 INFO outbox.delivered eventId=pkevt_2";

    observer.on(
        new PaykitEvent.OutboxRetryScheduled(
            ObservedPayments.CREATED_AT, new OutboxEventId("pkevt_1"), 1, forged));
    observer.on(
        new PaykitEvent.OutboxDeadLettered(
            ObservedPayments.CREATED_AT, new OutboxEventId("pkevt_1"), 12, forged));

    assertThat(lines.list)
        .extracting(ILoggingEvent::getLevel, ILoggingEvent::getMessage)
        .containsExactly(
            tuple(ch.qos.logback.classic.Level.WARN, "outbox.retry"),
            tuple(ch.qos.logback.classic.Level.ERROR, "outbox.dead_lettered"));
    for (ILoggingEvent line : lines.list) {
      assertThat(keyValues(line))
          .containsEntry("eventId", "pkevt_1")
          .containsEntry("error", forged.replace("\n", "\\n"));
      assertThat(line.getFormattedMessage() + keyValues(line)).doesNotContain("\n");
    }
    assertThat(keyValues(lines.list.get(1))).containsEntry("attempts", "12");
  }

  @Test
  void
      the_outbox_backlog_is_a_debug_line_when_empty_info_while_waiting_a_warning_with_dead_letters() {
    observer.on(backlog(0, 0, Duration.ZERO));
    observer.on(backlog(4, 0, Duration.ofSeconds(75)));
    observer.on(backlog(4, 1, Duration.ofSeconds(75)));

    assertThat(lines.list)
        .extracting(ILoggingEvent::getLevel)
        .containsExactly(
            ch.qos.logback.classic.Level.DEBUG,
            ch.qos.logback.classic.Level.INFO,
            ch.qos.logback.classic.Level.WARN);
    assertThat(lines.list).allSatisfy(l -> assertThat(l.getMessage()).isEqualTo("outbox.backlog"));
    assertThat(keyValues(lines.list.get(2)))
        .containsEntry("undelivered", "4")
        .containsEntry("dead", "1")
        .containsEntry("oldestUndeliveredAgeSeconds", "75");
  }

  private static PaykitEvent.OutboxBacklogMeasured backlog(
      long undelivered, long dead, Duration oldest) {
    return new PaykitEvent.OutboxBacklogMeasured(
        ObservedPayments.CREATED_AT, new OutboxBacklog(undelivered, dead, oldest));
  }

  private static Map<String, String> keyValues(ILoggingEvent line) {
    return line.getKeyValuePairs().stream()
        .collect(Collectors.toMap((KeyValuePair kv) -> kv.key, kv -> String.valueOf(kv.value)));
  }
}
