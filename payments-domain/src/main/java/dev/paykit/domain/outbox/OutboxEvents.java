package dev.paykit.domain.outbox;

import dev.paykit.domain.dispute.Dispute;
import dev.paykit.domain.dispute.DisputeEvent;
import dev.paykit.domain.dispute.DisputeState;
import dev.paykit.domain.dispute.DisputeStep;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Failure;
import dev.paykit.domain.payment.Outcome;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.TransitionResult;
import dev.paykit.domain.refund.Refund;
import dev.paykit.domain.refund.RefundState;
import dev.paykit.domain.subscription.Subscription;
import dev.paykit.domain.subscription.SubscriptionEvent;
import dev.paykit.domain.subscription.SubscriptionState;
import dev.paykit.domain.subscription.SubscriptionStep;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which changes the shop hears of, and what it is told: the one place that turns a step of a
 * payment, a refund or a dispute into an outbox event. A payment's creation, its moves to a state
 * the shop acts on, an anomaly, every move of a refund, and a dispute's opening, evidence reminder
 * and outcome. Submitted and in-progress moves are Paykit's own bookkeeping and are not sent.
 */
public final class OutboxEvents {
  private OutboxEvents() {}

  public static OutboxEvent created(Payment payment, Instant at) {
    return event(OutboxEventType.PAYMENT_CREATED, payment, null, at, paymentFacts(payment));
  }

  /** The event a payment's step makes, if the shop is to hear of it. */
  public static Optional<OutboxEvent> of(TransitionResult step, Instant at) {
    Payment payment = step.payment();
    if (step.outcome() == Outcome.ANOMALY && step.appends()) {
      Map<String, String> facts = paymentFacts(payment);
      facts.put("reported", step.entry().reported().name());
      facts.put("source", step.entry().source().name());
      return Optional.of(event(OutboxEventType.PAYMENT_ANOMALY, payment, null, at, facts));
    }
    if (step.outcome() != Outcome.APPLIED) {
      return Optional.empty();
    }
    return typeOf(payment.state())
        .map(type -> event(type, payment, null, at, paymentFacts(payment)));
  }

  /** The event a refund's step makes: one for every move of its state. */
  public static Optional<OutboxEvent> of(Refund before, Refund after, Payment payment, Instant at) {
    if (after.state() == before.state()) {
      return Optional.empty();
    }
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("refundState", after.state().name());
    facts.put("refundAmount.value", Long.toString(after.amount().minorUnits()));
    facts.put("refundAmount.currency", after.amount().currencyCode());
    return refundType(after.state())
        .map(type -> event(type, payment, after.id().value(), at, facts));
  }

  /**
   * The events a dispute's opening makes: opened, with its deadline, and its outcome as well when
   * the first word of it to arrive was already the outcome.
   */
  public static List<OutboxEvent> opened(Dispute dispute, Payment payment, Instant at) {
    List<OutboxEvent> events = new ArrayList<>();
    events.add(event(OutboxEventType.DISPUTE_OPENED, payment, null, at, disputeFacts(dispute)));
    outcomeType(dispute.state())
        .ifPresent(type -> events.add(event(type, payment, null, at, disputeFacts(dispute))));
    return events;
  }

  /**
   * The event a dispute's step makes, if the shop is to hear of it: the deadline reminder, and a
   * move to won or lost. Moves under review and repeats are Paykit's own bookkeeping.
   */
  public static Optional<OutboxEvent> of(DisputeStep step, Payment payment, Instant at) {
    Dispute after = step.dispute();
    if (step.outcome() != Outcome.APPLIED) {
      return Optional.empty();
    }
    if (step.entry().event() == DisputeEvent.DEADLINE_REMINDED) {
      return Optional.of(
          event(OutboxEventType.DISPUTE_EVIDENCE_DUE, payment, null, at, disputeFacts(after)));
    }
    if (!step.moved()) {
      return Optional.empty();
    }
    return outcomeType(after.state())
        .map(type -> event(type, payment, null, at, disputeFacts(after)));
  }

  /**
   * The event a subscription's step makes, if the shop is to hear of it. Subscription events are
   * filed under the sign-up payment, so that they reach the shop in order per subscription.
   */
  public static Optional<OutboxEvent> of(SubscriptionStep step, Instant at) {
    if (!step.applied()) {
      return Optional.empty();
    }
    Subscription before = step.before();
    Subscription after = step.subscription();
    Optional<OutboxEventType> type =
        switch (step.entry().event()) {
          case SIGN_UP_PAID, TRIAL_STARTED -> Optional.of(OutboxEventType.SUBSCRIPTION_ACTIVATED);
          case NOTICE_SENT -> Optional.of(OutboxEventType.SUBSCRIPTION_RENEWAL_NOTICE);
          case RENEWAL_PAID -> Optional.of(OutboxEventType.SUBSCRIPTION_RENEWED);
          case RENEWAL_DECLINED -> Optional.of(OutboxEventType.SUBSCRIPTION_PAYMENT_FAILED);
          case CUSTOMER_ACTION_REQUIRED ->
              Optional.of(OutboxEventType.SUBSCRIPTION_ACTION_REQUIRED);
          case DUNNING_EXHAUSTED_UNPAID -> Optional.of(OutboxEventType.SUBSCRIPTION_UNPAID);
          case DUNNING_EXHAUSTED_CANCELLED -> Optional.of(OutboxEventType.SUBSCRIPTION_CANCELLED);
          case PERIOD_ENDED, SIGN_UP_FAILED -> Optional.of(OutboxEventType.SUBSCRIPTION_ENDED);
          // Cancelling again changes nothing; a pending sign-up ends rather than being cancelled,
          // and PAST_DUE cancels at once whichever way it is asked.
          case CANCEL_NOW, CANCEL_AT_PERIOD_END ->
              after.state() == before.state()
                  ? Optional.empty()
                  : Optional.of(
                      after.state() == SubscriptionState.ENDED
                          ? OutboxEventType.SUBSCRIPTION_ENDED
                          : OutboxEventType.SUBSCRIPTION_CANCELLED);
          case SIGNED_UP, RENEWAL_STARTED, METHOD_UPDATED -> Optional.empty();
        };
    return type.map(
        t ->
            new OutboxEvent(
                OutboxEventId.random(),
                t,
                after.signUpPayment(),
                null,
                new ExternalId(after.id().value()),
                0,
                at,
                subscriptionFacts(before, after)));
  }

  private static Map<String, String> subscriptionFacts(Subscription before, Subscription after) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("subscriptionId", after.id().value());
    facts.put("customerId", after.customer().value());
    facts.put("subscriptionState", after.state().name());
    facts.put("plan", after.plan().name());
    facts.put("amount.value", Long.toString(after.plan().price().minorUnits()));
    facts.put("amount.currency", after.plan().price().currencyCode());
    facts.put("cycle", Long.toString(before.openCycle()));
    after.periodEnd().ifPresent(end -> facts.put("periodEnd", end.toString()));
    if (after.latest().event() == SubscriptionEvent.NOTICE_SENT) {
      // How to cancel: before the charge, through Subscriptions.cancel with this id.
      facts.put("chargeOn", after.periodEnd().orElseThrow().toString());
      facts.put("cancelBefore", after.periodEnd().orElseThrow().toString());
      facts.put("cancel", "cancel subscription " + after.id().value() + " at period end");
    }
    if (after.state() == SubscriptionState.PAST_DUE) {
      after.nextChargeAt().ifPresent(retry -> facts.put("nextRetryAt", retry.toString()));
      facts.put("action", "update_payment_method");
    }
    after.method().ifPresent(method -> facts.put("paymentMethodId", method.value()));
    return facts;
  }

  private static Optional<OutboxEventType> outcomeType(DisputeState state) {
    return switch (state) {
      case WON -> Optional.of(OutboxEventType.DISPUTE_WON);
      case LOST -> Optional.of(OutboxEventType.DISPUTE_LOST);
      case NEEDS_RESPONSE, UNDER_REVIEW -> Optional.empty();
    };
  }

  private static Map<String, String> disputeFacts(Dispute dispute) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("disputeId", dispute.id().value());
    facts.put("disputeState", dispute.state().name());
    facts.put("reason", dispute.reason().name());
    facts.put("disputeAmount.value", Long.toString(dispute.amount().minorUnits()));
    facts.put("disputeAmount.currency", dispute.amount().currencyCode());
    facts.put("evidenceDueBy", dispute.evidenceDueBy().toString());
    facts.put("transactionId", dispute.transactionId().value());
    return facts;
  }

  private static Optional<OutboxEventType> typeOf(PaymentState state) {
    return switch (state) {
      case STARTED -> Optional.of(OutboxEventType.PAYMENT_STARTED);
      case SUCCEEDED -> Optional.of(OutboxEventType.PAYMENT_SUCCEEDED);
      case FAILED -> Optional.of(OutboxEventType.PAYMENT_FAILED);
      case CANCELLED -> Optional.of(OutboxEventType.PAYMENT_CANCELLED);
      case EXPIRED -> Optional.of(OutboxEventType.PAYMENT_EXPIRED);
      case CREATED, SUBMITTED, IN_PROGRESS -> Optional.empty();
    };
  }

  private static Optional<OutboxEventType> refundType(RefundState state) {
    return switch (state) {
      case PENDING -> Optional.of(OutboxEventType.REFUND_PENDING);
      case SUCCEEDED -> Optional.of(OutboxEventType.REFUND_SUCCEEDED);
      case FAILED -> Optional.of(OutboxEventType.REFUND_FAILED);
      case REQUESTED -> Optional.empty();
    };
  }

  private static Map<String, String> paymentFacts(Payment payment) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("state", payment.state().name());
    facts.put("amount.value", Long.toString(payment.request().amount().minorUnits()));
    facts.put("amount.currency", payment.request().amount().currencyCode());
    if (payment.transactionId() != null) {
      facts.put("transactionId", payment.transactionId().value());
    }
    Failure failure = payment.failure();
    if (failure != null) {
      facts.put("failure.reason", failure.reason().name());
      if (failure.declineCode() != null) {
        facts.put("failure.declineCode", failure.declineCode().value());
      }
    }
    return facts;
  }

  private static OutboxEvent event(
      OutboxEventType type,
      Payment payment,
      String refundId,
      Instant at,
      Map<String, String> payload) {
    return new OutboxEvent(
        OutboxEventId.random(), type, payment.id(), refundId, payment.externalId(), 0, at, payload);
  }
}
