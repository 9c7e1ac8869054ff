package dev.paykit.adapter.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.domain.dispute.Dispute;
import dev.paykit.domain.dispute.DisputeId;
import dev.paykit.domain.dispute.DisputeReason;
import dev.paykit.domain.dispute.DisputeReport;
import dev.paykit.domain.dispute.DisputeState;
import dev.paykit.domain.dispute.DisputeStep;
import dev.paykit.domain.dispute.ProviderDispute;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.outbox.OutboxEventId;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.domain.payment.TransitionResult;
import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.shared.OutboxBacklog;
import io.micrometer.core.instrument.Statistic;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MicrometerPaykitObserverTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MicrometerPaykitObserver observer = new MicrometerPaykitObserver(registry);

  @Test
  void counts_successes_and_failures_by_reason_and_decline_code() {
    succeed(ObservedPayments.created("o-1"));
    succeed(ObservedPayments.created("o-2"));
    Payment declined = ObservedPayments.created("o-3");
    Instant at = ObservedPayments.CREATED_AT.plusSeconds(30);
    TransitionResult failed =
        ObservedPayments.report(
            declined, ProviderStatus.DECLINED, ObservedPayments.insufficientFunds(), at);
    observer.on(new PaykitEvent.PaymentTransition(at, failed.payment(), failed.entry()));

    assertThat(
            registry
                .counter(
                    "paykit.payments.completed",
                    "state",
                    "SUCCEEDED",
                    "reason",
                    "none",
                    "decline_code",
                    "none")
                .count())
        .isEqualTo(2.0);
    assertThat(
            registry
                .counter(
                    "paykit.payments.completed",
                    "state",
                    "FAILED",
                    "reason",
                    "DECLINED",
                    "decline_code",
                    "insufficient_funds")
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void times_a_payment_from_creation_to_its_terminal_state() {
    succeed(ObservedPayments.created("o-1"));

    var timer = registry.find("paykit.payments.time_to_terminal").tag("state", "SUCCEEDED").timer();
    assertThat(timer).isNotNull();
    assertThat(timer.count()).isEqualTo(1);
    assertThat(timer.totalTime(java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(45.0);
  }

  @Test
  void a_report_that_contradicts_a_terminal_state_is_counted_as_an_anomaly() {
    Payment paid = succeed(ObservedPayments.created("o-1"));
    Instant later = ObservedPayments.CREATED_AT.plusSeconds(60);
    TransitionResult contradiction =
        ObservedPayments.report(paid, ProviderStatus.EXPIRED, null, later);
    observer.on(
        new PaykitEvent.PaymentTransition(later, contradiction.payment(), contradiction.entry()));

    assertThat(registry.counter("paykit.payments.anomalies").count()).isEqualTo(1.0);
    assertThat(registry.find("paykit.payments.completed").counters()).hasSize(1);
  }

  @Test
  void counts_webhook_signature_failures_by_reason_and_records_processing_latency() {
    Instant now = Instant.parse("2026-11-24T10:00:00Z");
    observer.on(
        new PaykitEvent.WebhookRejected(now, "NO_MATCHING_SIGNATURE", "no signature matched"));
    observer.on(new PaykitEvent.WebhookRejected(now, "STALE_TIMESTAMP", "too old"));
    observer.on(
        new PaykitEvent.WebhookRejected(now, "NO_MATCHING_SIGNATURE", "no signature matched"));
    observer.on(
        new PaykitEvent.WebhookProcessed(now, new EventId("evt_1"), Duration.ofMillis(120)));

    assertThat(
            registry
                .counter("paykit.webhooks.signature_failures", "reason", "NO_MATCHING_SIGNATURE")
                .count())
        .isEqualTo(2.0);
    assertThat(registry.counter("paykit.webhooks.received", "result", "rejected").count())
        .isEqualTo(3.0);
    assertThat(registry.find("paykit.webhooks.processing_latency").timer().count()).isEqualTo(1);
  }

  @Test
  void counts_provider_retries_errors_and_token_refreshes() {
    Instant now = Instant.parse("2026-11-24T10:00:00Z");
    observer.on(
        new PaykitEvent.ProviderRetry(
            now, "create_payment", 1, "status_503", Duration.ofMillis(100)));
    observer.on(
        new PaykitEvent.ProviderRetry(
            now, "create_payment", 2, "status_503", Duration.ofMillis(200)));
    observer.on(
        new PaykitEvent.ProviderFailure(now, "create_payment", 400, "invalid_amount", "req_1"));
    observer.on(new PaykitEvent.TokenRefreshed(now, Duration.ofHours(1)));

    assertThat(
            registry
                .counter(
                    "paykit.provider.retries", "operation", "create_payment", "cause", "status_503")
                .count())
        .isEqualTo(2.0);
    assertThat(
            registry
                .counter(
                    "paykit.provider.errors",
                    "operation",
                    "create_payment",
                    "status",
                    "400",
                    "code",
                    "invalid_amount")
                .count())
        .isEqualTo(1.0);
    assertThat(registry.counter("paykit.provider.token_refreshes").count()).isEqualTo(1.0);
  }

  @Test
  void disputes_are_counted_by_reason_and_outcome_and_the_rate_is_over_succeeded_payments() {
    Payment payment = ObservedPayments.created("order-1");
    TransitionResult paid =
        ObservedPayments.report(
            payment, ProviderStatus.CONFIRMED, null, ObservedPayments.CREATED_AT.plusSeconds(5));
    observer.on(new PaykitEvent.PaymentTransition(Instant.EPOCH, paid.payment(), paid.entry()));
    Dispute opened =
        Dispute.open(
            payment.id(),
            DisputeReport.fromWebhook(said(DisputeState.NEEDS_RESPONSE), "evt_1"),
            Instant.EPOCH);
    DisputeStep lost =
        opened.apply(DisputeReport.fromWebhook(said(DisputeState.LOST), "evt_2"), Instant.EPOCH);
    DisputeStep repeated =
        lost.dispute()
            .apply(DisputeReport.fromWebhook(said(DisputeState.LOST), "evt_3"), Instant.EPOCH);

    observer.on(new PaykitEvent.DisputeUpdated(Instant.EPOCH, opened, opened.latest()));
    observer.on(new PaykitEvent.DisputeUpdated(Instant.EPOCH, lost.dispute(), lost.entry()));
    observer.on(
        new PaykitEvent.DisputeUpdated(Instant.EPOCH, repeated.dispute(), repeated.entry()));
    observer.on(
        new PaykitEvent.DisputesMeasured(
            Instant.EPOCH,
            Map.of(DisputeState.NEEDS_RESPONSE, Map.of(DisputeReason.FRAUDULENT, 3L))));

    assertThat(registry.counter("paykit.disputes.opened", "reason", "FRAUDULENT").count())
        .isEqualTo(1.0);
    assertThat(
            registry
                .counter("paykit.disputes.closed", "reason", "FRAUDULENT", "outcome", "LOST")
                .count())
        .isEqualTo(1.0);
    assertThat(
            registry
                .counter(
                    "paykit.disputes.updates", "event", "REPORTED_LOST", "outcome", "DUPLICATE")
                .count())
        .isEqualTo(1.0);
    assertThat(registry.get("paykit.disputes.rate").gauge().value()).isEqualTo(1.0);
    assertThat(registry.get("paykit.disputes.open").gauge().value()).isEqualTo(3.0);
  }

  private static ProviderDispute said(DisputeState state) {
    return new ProviderDispute(
        new DisputeId("dp_1"),
        new TransactionId("tx_1"),
        Money.of(1050, "EUR"),
        DisputeReason.FRAUDULENT,
        state,
        Instant.EPOCH.plusSeconds(86_400),
        Instant.EPOCH,
        Instant.EPOCH);
  }

  @Test
  void every_event_type_moves_a_meter() {
    for (PaykitEvent event : EveryEvent.oneOfEach()) {
      SimpleMeterRegistry fresh = new SimpleMeterRegistry();

      new MicrometerPaykitObserver(fresh).on(event);

      assertThat(fresh.getMeters())
          .as("meters moved by %s", event.getClass().getSimpleName())
          .anySatisfy(
              meter ->
                  assertThat(meter.measure())
                      .anySatisfy(
                          m -> {
                            assertThat(m.getStatistic()).isEqualTo(Statistic.COUNT);
                            assertThat(m.getValue()).isPositive();
                          }));
    }
  }

  @Test
  void counts_outbox_deliveries_by_type_retries_and_dead_letters_and_times_the_latency() {
    Instant now = Instant.parse("2026-11-24T10:00:00Z");
    OutboxEventId id = new OutboxEventId("pkevt_1");
    observer.on(
        new PaykitEvent.OutboxDelivered(now, id, "payment.succeeded", 1, Duration.ofMillis(30)));
    observer.on(
        new PaykitEvent.OutboxDelivered(now, id, "payment.succeeded", 3, Duration.ofSeconds(9)));
    observer.on(
        new PaykitEvent.OutboxDelivered(now, id, "payment.created", 1, Duration.ofMillis(20)));
    observer.on(new PaykitEvent.OutboxRetryScheduled(now, id, 1, "com.shop.OrderLocked"));
    observer.on(new PaykitEvent.OutboxRetryScheduled(now, id, 2, "com.shop.OrderLocked"));
    observer.on(new PaykitEvent.OutboxDeadLettered(now, id, 12, "com.shop.OrderLocked"));

    assertThat(registry.counter("paykit.outbox.delivered", "type", "payment.succeeded").count())
        .isEqualTo(2.0);
    assertThat(registry.counter("paykit.outbox.delivered", "type", "payment.created").count())
        .isEqualTo(1.0);
    assertThat(registry.counter("paykit.outbox.retried").count()).isEqualTo(2.0);
    assertThat(registry.counter("paykit.outbox.dead_lettered").count()).isEqualTo(1.0);
    assertThat(registry.find("paykit.outbox.retried").counters()).hasSize(1);
    assertThat(registry.find("paykit.outbox.delivery_latency").timer().count()).isEqualTo(3);
  }

  @Test
  void the_outbox_gauges_show_the_latest_backlog_and_appear_with_the_first_measurement() {
    Instant now = Instant.parse("2026-11-24T10:00:00Z");
    assertThat(registry.find("paykit.outbox.undelivered").gauge()).isNull();

    observer.on(
        new PaykitEvent.OutboxBacklogMeasured(
            now, new OutboxBacklog(7, 2, Duration.ofMillis(95_500))));
    assertThat(registry.get("paykit.outbox.undelivered").gauge().value()).isEqualTo(7.0);
    assertThat(registry.get("paykit.outbox.dead").gauge().value()).isEqualTo(2.0);
    assertThat(registry.get("paykit.outbox.oldest_undelivered_age_seconds").gauge().value())
        .isEqualTo(95.5);

    observer.on(new PaykitEvent.OutboxBacklogMeasured(now, new OutboxBacklog(0, 0, Duration.ZERO)));
    assertThat(registry.get("paykit.outbox.undelivered").gauge().value()).isZero();
    assertThat(registry.get("paykit.outbox.dead").gauge().value()).isZero();
    assertThat(registry.get("paykit.outbox.oldest_undelivered_age_seconds").gauge().value())
        .isZero();
    assertThat(registry.counter("paykit.outbox.runs").count()).isEqualTo(2.0);
  }

  private Payment succeed(Payment payment) {
    Instant at = ObservedPayments.CREATED_AT.plusSeconds(45);
    TransitionResult paid = ObservedPayments.report(payment, ProviderStatus.CONFIRMED, null, at);
    observer.on(new PaykitEvent.PaymentTransition(at, paid.payment(), paid.entry()));
    return paid.payment();
  }

  @Test
  void an_ignored_webhook_is_counted_apart_from_accepted_ones_and_without_its_type_as_a_tag() {
    observer.on(
        new PaykitEvent.WebhookIgnored(
            ObservedPayments.CREATED_AT, new EventId("evt_1"), "dispute.created"));
    observer.on(
        new PaykitEvent.WebhookIgnored(
            ObservedPayments.CREATED_AT, new EventId("evt_2"), "customer.updated"));

    assertThat(registry.counter("paykit.webhooks.received", "result", "ignored").count())
        .isEqualTo(2.0);
    assertThat(registry.counter("paykit.webhooks.received", "result", "accepted").count()).isZero();
    assertThat(registry.find("paykit.webhooks.received").counters()).hasSize(2);
  }
}
