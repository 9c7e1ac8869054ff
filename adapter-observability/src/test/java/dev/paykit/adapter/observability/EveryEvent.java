package dev.paykit.adapter.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.domain.dispute.Dispute;
import dev.paykit.domain.dispute.DisputeId;
import dev.paykit.domain.dispute.DisputeReason;
import dev.paykit.domain.dispute.DisputeReport;
import dev.paykit.domain.dispute.DisputeState;
import dev.paykit.domain.dispute.ProviderDispute;
import dev.paykit.domain.outbox.OutboxEventId;
import dev.paykit.domain.payment.CustomerId;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.domain.payment.TransitionResult;
import dev.paykit.domain.refund.Refund;
import dev.paykit.domain.refund.RefundId;
import dev.paykit.domain.subscription.BillingInterval;
import dev.paykit.domain.subscription.BillingUnit;
import dev.paykit.domain.subscription.Plan;
import dev.paykit.domain.subscription.Subscription;
import dev.paykit.domain.subscription.SubscriptionId;
import dev.paykit.domain.subscription.SubscriptionTerms;
import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.shared.OutboxBacklog;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One event of every type {@link PaykitEvent} permits, so a test can check that an observer reacts
 * to each. A type added to {@link PaykitEvent} without a sample here fails {@link #oneOfEach()}, so
 * it cannot slip past those tests.
 */
final class EveryEvent {
  private static final Instant AT = ObservedPayments.CREATED_AT.plusSeconds(5);
  private static final OutboxEventId OUTBOX_EVENT = new OutboxEventId("pkevt_1");

  private EveryEvent() {}

  static List<PaykitEvent> oneOfEach() {
    Payment payment = ObservedPayments.created("order-1");
    TransitionResult paid = ObservedPayments.report(payment, ProviderStatus.CONFIRMED, null, AT);
    Refund refund =
        Refund.request(
            RefundId.random(),
            payment.id(),
            payment.idempotencyKey(),
            payment.request().amount(),
            "customer asked",
            AT);
    EventId eventId = new EventId("evt_1");
    Dispute dispute =
        Dispute.open(
            payment.id(),
            DisputeReport.fromWebhook(
                new ProviderDispute(
                    new DisputeId("dp_1"),
                    new TransactionId("tx_1"),
                    payment.request().amount(),
                    DisputeReason.FRAUDULENT,
                    DisputeState.NEEDS_RESPONSE,
                    AT.plus(Duration.ofDays(7)),
                    AT,
                    AT),
                "evt_dispute"),
            AT);
    Subscription subscription =
        Subscription.signUp(
            new SubscriptionId("sub_1"),
            new CustomerId("cust-1"),
            Plan.of("Pro", payment.request().amount(), BillingInterval.of(1, BillingUnit.MONTH)),
            SubscriptionTerms.DEFAULT,
            ZoneOffset.UTC,
            payment.id(),
            AT);
    Map<Class<?>, PaykitEvent> byType =
        Stream.of(
                new PaykitEvent.PaymentCreated(AT, payment),
                new PaykitEvent.PaymentTransition(AT, paid.payment(), paid.entry()),
                new PaykitEvent.PaymentQueued(AT, payment, "connection refused"),
                new PaykitEvent.IdempotentReplay(AT, "payment", payment.id().value()),
                new PaykitEvent.IdempotencyConflict(AT, "payment"),
                new PaykitEvent.RefundUpdated(AT, refund, "APPLIED"),
                new PaykitEvent.DisputeUpdated(AT, dispute, dispute.latest()),
                new PaykitEvent.SubscriptionUpdated(AT, subscription, subscription.latest()),
                new PaykitEvent.DisputesMeasured(
                    AT, Map.of(DisputeState.NEEDS_RESPONSE, Map.of(DisputeReason.FRAUDULENT, 1L))),
                new PaykitEvent.WebhookAccepted(AT, eventId, "payment.confirmed"),
                new PaykitEvent.WebhookDuplicate(AT, eventId),
                new PaykitEvent.WebhookIgnored(AT, eventId, "dispute.created"),
                new PaykitEvent.WebhookRejected(AT, "STALE_TIMESTAMP", "too old"),
                new PaykitEvent.WebhookProcessed(AT, eventId, Duration.ofMillis(12)),
                new PaykitEvent.WebhookRetryScheduled(AT, eventId, 1, "store unavailable"),
                new PaykitEvent.WebhookDeadLettered(AT, eventId, 8, "store unavailable"),
                new PaykitEvent.ProviderRetry(
                    AT, "create_payment", 1, "status_503", Duration.ofMillis(100)),
                new PaykitEvent.ProviderFailure(AT, "create_payment", 503, "unavailable", "req_1"),
                new PaykitEvent.TokenRefreshed(AT, Duration.ofHours(1)),
                new PaykitEvent.ReconciliationFinished(AT, 3, 1, 0),
                new PaykitEvent.OutboxDelivered(
                    AT, OUTBOX_EVENT, "payment.succeeded", 1, Duration.ofMillis(40)),
                new PaykitEvent.OutboxRetryScheduled(
                    AT, OUTBOX_EVENT, 1, "java.net.ConnectException"),
                new PaykitEvent.OutboxDeadLettered(
                    AT, OUTBOX_EVENT, 12, "java.net.ConnectException"),
                new PaykitEvent.OutboxBacklogMeasured(
                    AT, new OutboxBacklog(3, 1, Duration.ofSeconds(90))))
            .collect(Collectors.toMap(Object::getClass, Function.identity()));
    List<Class<?>> permitted = Arrays.asList(PaykitEvent.class.getPermittedSubclasses());
    assertThat(byType.keySet())
        .as("a sample of every PaykitEvent type (add one here for a new event)")
        .containsExactlyInAnyOrderElementsOf(permitted);
    return permitted.stream().map(byType::get).toList();
  }
}
