package dev.paykit.core.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.message.CustomerMessages;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.outbox.OutboxEvent;
import dev.paykit.domain.outbox.OutboxEventType;
import dev.paykit.domain.payment.DeclineCode;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.FailureReason;
import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Metadata;
import dev.paykit.domain.payment.Outcome;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.ReturnUrls;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.domain.payment.TransitionSource;
import dev.paykit.domain.refund.Refund;
import dev.paykit.domain.refund.RefundState;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.in.CreatePaymentResult;
import dev.paykit.port.in.IdempotencyKeyReusedException;
import dev.paykit.port.in.InboxRunReport;
import dev.paykit.port.in.OrderAlreadyPaidException;
import dev.paykit.port.in.OutboxRunReport;
import dev.paykit.port.in.ReconciliationReport;
import dev.paykit.port.in.RefundCommand;
import dev.paykit.port.in.RefundNotAllowedException;
import dev.paykit.port.in.RefundResult;
import dev.paykit.port.in.RequestInProgressException;
import dev.paykit.port.in.WebhookReceipt;
import dev.paykit.port.out.DisputeStore;
import dev.paykit.port.out.IdempotencyStore;
import dev.paykit.port.out.Outbox;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.ProviderResult;
import dev.paykit.port.out.RefundStore;
import dev.paykit.port.out.Stores;
import dev.paykit.port.out.SubscriptionStore;
import dev.paykit.port.out.UnitOfWork;
import dev.paykit.port.out.WebhookInbox;
import dev.paykit.port.shared.OutboxDelivery;
import dev.paykit.port.shared.PaymentQuery;
import dev.paykit.port.shared.ProviderError;
import dev.paykit.port.shared.WebhookVerification;
import dev.paykit.service.PaykitCore;
import dev.paykit.service.PaykitSettings;
import dev.paykit.testkit.Concurrently;
import dev.paykit.testkit.FlowProvider;
import dev.paykit.testkit.FlowProvider.Capability;
import dev.paykit.testkit.FlowProvider.Request;
import dev.paykit.testkit.fake.FakeProvider;
import dev.paykit.testkit.fake.SignedWebhook;
import dev.paykit.testkit.flows.CrashingInbox;
import dev.paykit.testkit.flows.FlowClock;
import dev.paykit.testkit.flows.RecordingObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every payment flow of the seed best-practice documents, end to end through the real services,
 * against a provider that keeps a ledger of what it charged. A store implementation runs the whole
 * suite by extending it, against the testkit's fake provider: the in-memory adapter does, and the
 * JDBC adapter does on H2 and PostgreSQL. A provider author runs it against their own gateway and
 * sandbox by also overriding {@link #newProvider}: the reference gateway does against the reference
 * sandbox ({@code ReferenceGatewayPaymentFlowsTest} in adapter-http).
 */
public abstract class PaymentFlowsContract {

  /** Three deliveries of an outbox event at most, the second within 1 s, the third within 2 s. */
  private static final PaykitSettings.OutboxRetry OUTBOX_RETRY =
      new PaykitSettings.OutboxRetry(
          3, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(2));

  /** A fresh, empty family of stores for each test. */
  protected abstract Stores newStores();

  /**
   * The provider under test, fresh for each test and on its clock: by default the testkit's fake.
   * Override it to run every flow against your own gateway and sandbox; tests that need what your
   * provider does not report in {@link FlowProvider#capabilities()} are skipped, saying which.
   */
  protected FlowProvider newProvider(FlowClock clock) {
    return new FakeProvider(clock);
  }

  protected FlowClock clock;
  protected FlowProvider provider;
  protected RecordingObserver observer;
  protected PaykitCore paykit;
  protected Stores stores;
  protected CrashingInbox inbox;
  protected RecordingEventHandler shop;
  private int orders;

  @BeforeEach
  void wireTheCore() {
    clock = new FlowClock(Instant.parse("2026-11-24T10:00:00Z"));
    provider = newProvider(clock);
    observer = new RecordingObserver();
    stores = newStores();
    inbox = new CrashingInbox(stores.inbox());
    shop = new RecordingEventHandler();
    paykit =
        PaykitCore.builder()
            .stores(withInbox(stores, inbox))
            .provider(provider.gateway(), provider.webhookVerifier(clock), provider.webhookParser())
            .observer(observer)
            .eventHandler(shop)
            .settings(
                PaykitSettings.defaults()
                    .withInboxRetry(3, Duration.ofSeconds(1), Duration.ofSeconds(10))
                    .withReconciliation(Duration.ofSeconds(30), Duration.ofMinutes(5))
                    .withOutboxRetry(OUTBOX_RETRY))
            .clock(clock)
            .build();
  }

  /** The checks every flow ends with, then the provider is stopped whatever they found. */
  @AfterEach
  void checkAndStopTheProvider() {
    try {
      nothingWasChargedTwice();
      theShopHeardEveryPaymentsEventsOnceAndInOrder();
    } finally {
      provider.close();
    }
  }

  private void nothingWasChargedTwice() {
    for (Payment payment : allPayments()) {
      assertThat(provider.ledger().paymentsCreated(payment.idempotencyKey()))
          .as("provider payments created for key of %s", payment.id())
          .isLessThanOrEqualTo(1);
    }
  }

  /**
   * Whatever a flow did, once the shop's handler works again and the dead letters are replayed, the
   * shop hears every payment's events, each once, numbered 1, 2, 3... in the order it hears them,
   * the payment's creation first, and nothing is left waiting.
   */
  private void theShopHeardEveryPaymentsEventsOnceAndInOrder() {
    shop.failNext(0);
    for (OutboxDelivery dead : paykit.outbox().deadLetters(100)) {
      assertThat(paykit.outbox().replay(dead.event().id())).isTrue();
    }
    clock.advance(Duration.ofHours(1));
    drainOutbox();

    assertThat(paykit.outbox().backlog().undelivered()).as("undelivered events").isZero();
    for (Payment payment : allPayments()) {
      List<OutboxEvent> heard =
          shop.handled().stream().filter(e -> e.paymentId().equals(payment.id())).toList();
      assertThat(heard)
          .as("sequence numbers the shop heard for %s", payment.id())
          .extracting(OutboxEvent::sequence)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, heard.size()).boxed().toList());
      assertThat(heard)
          .as("the first event the shop heard for %s", payment.id())
          .first()
          .extracting(OutboxEvent::type)
          .isEqualTo(OutboxEventType.PAYMENT_CREATED);
      assertThat(heard).extracting(OutboxEvent::id).doesNotHaveDuplicates();
      assertThat(heard).allSatisfy(e -> assertThat(e.externalId()).isEqualTo(payment.externalId()));
    }
  }

  // --- what the shop hears ---------------------------------------------------------------------

  @Test
  void the_shop_hears_a_paid_checkout_created_started_and_succeeded_in_order_and_once() {
    Payment started = startedPayment("order-1");
    deliver(provider.inProgress(started.transactionId()));
    deliver(provider.confirm(started.transactionId()));
    drainInbox();

    assertThat(drainOutbox()).isEqualTo(3);

    List<OutboxEvent> heard = shop.handled();
    assertThat(heard)
        .extracting(e -> e.type().wireName())
        .containsExactly("payment.created", "payment.started", "payment.succeeded");
    assertThat(heard).extracting(OutboxEvent::sequence).containsExactly(1L, 2L, 3L);
    assertThat(heard).allSatisfy(e -> assertThat(e.paymentId()).isEqualTo(started.id()));
    assertThat(heard.get(2).payload())
        .containsEntry("state", "SUCCEEDED")
        .containsEntry("amount.value", "1050")
        .containsEntry("amount.currency", "EUR")
        .containsEntry("transactionId", started.transactionId().value());
    assertThat(heard)
        .allSatisfy(
            e ->
                assertThat(stores.outbox().find(e.id()).orElseThrow().status())
                    .isEqualTo(OutboxDelivery.Status.DELIVERED));
    assertThat(drainOutbox()).isZero();
    assertThat(shop.attempts()).hasSize(3);
  }

  @Test
  void the_shop_hears_a_declined_payment_failed_with_the_reason_and_the_decline_code() {
    Payment started = startedPayment("order-1");
    deliver(provider.decline(started.transactionId(), DeclineCode.INSUFFICIENT_FUNDS));
    drainInbox();
    drainOutbox();

    assertThat(shop.typesOf(started.id()))
        .containsExactly("payment.created", "payment.started", "payment.failed");
    assertThat(shop.handled().get(2).payload())
        .containsEntry("state", "FAILED")
        .containsEntry("failure.reason", "DECLINED")
        .containsEntry("failure.declineCode", DeclineCode.INSUFFICIENT_FUNDS.value());
  }

  @Test
  void the_shop_hears_a_refund_pending_then_succeeded_numbered_after_the_payments_events() {
    Payment paid = succeededPayment("order-1");
    Refund refund = refund(paid, "refund-1", 500).refund();
    deliver(provider.refundSucceeded(refund.providerRefundId()));
    drainInbox();
    drainOutbox();

    assertThat(shop.typesOf(paid.id()))
        .containsExactly(
            "payment.created",
            "payment.started",
            "payment.succeeded",
            "refund.pending",
            "refund.succeeded");
    assertThat(shop.handled().subList(3, 5))
        .allSatisfy(e -> assertThat(e.refund()).contains(refund.id().value()))
        .extracting(OutboxEvent::sequence)
        .containsExactly(4L, 5L);
    assertThat(shop.handled().get(4).payload())
        .containsEntry("refundState", "SUCCEEDED")
        .containsEntry("refundAmount.value", "500");
  }

  @Test
  void a_shop_handler_that_throws_gets_the_same_event_again_and_the_next_one_waits_behind_it() {
    Payment started = startedPayment("order-1");
    shop.failNext(2);

    for (int pass = 0; pass < 5 && shop.handled().size() < 2; pass++) {
      drainOutbox();
      clock.advance(Duration.ofSeconds(3));
    }

    assertThat(shop.attempts())
        .extracting(e -> e.type().wireName())
        .containsExactly(
            "payment.created", "payment.created", "payment.created", "payment.started");
    assertThat(shop.attempts().subList(0, 3))
        .extracting(OutboxEvent::id)
        .containsOnly(shop.handled().get(0).id());
    assertThat(shop.typesOf(started.id())).containsExactly("payment.created", "payment.started");
    assertThat(observer.events(PaykitEvent.OutboxRetryScheduled.class)).hasSize(2);
    assertThat(observer.events(PaykitEvent.OutboxDelivered.class))
        .extracting(PaykitEvent.OutboxDelivered::attempts)
        .containsExactly(3, 1);
  }

  @Test
  void an_event_the_shop_never_takes_is_a_dead_letter_that_holds_the_payments_later_events() {
    Payment first = startedPayment("order-1");
    shop.failNext(3);
    for (int pass = 0; pass < 5; pass++) {
      drainOutbox();
      clock.advance(Duration.ofSeconds(11));
    }
    Payment second = startedPayment("order-2");
    drainOutbox();

    List<OutboxDelivery> dead = paykit.outbox().deadLetters(10);
    assertThat(dead)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.event().paymentId()).isEqualTo(first.id());
              assertThat(d.event().type()).isEqualTo(OutboxEventType.PAYMENT_CREATED);
              assertThat(d.attempts()).isEqualTo(3);
              assertThat(d.lastError())
                  .isEqualTo(RecordingEventHandler.ShopDown.class.getName())
                  .doesNotContain(RecordingEventHandler.SECRET_MESSAGE);
            });
    assertThat(shop.typesOf(first.id())).isEmpty();
    assertThat(shop.typesOf(second.id())).containsExactly("payment.created", "payment.started");
    assertThat(paykit.outbox().backlog().dead()).isEqualTo(1);

    assertThat(paykit.outbox().replay(dead.get(0).event().id())).isTrue();
    drainOutbox();

    assertThat(shop.typesOf(first.id())).containsExactly("payment.created", "payment.started");
    assertThat(paykit.outbox().deadLetters(10)).isEmpty();
  }

  // --- the happy path and the provider's final words -------------------------------------------

  @Test
  void a_paid_checkout_ends_succeeded_from_the_verified_webhook() {
    Payment started = startedPayment("order-1");
    assertThat(started.state()).isEqualTo(PaymentState.STARTED);
    assertThat(started.checkoutUrl()).isNotNull();

    deliver(provider.inProgress(started.transactionId()));
    deliver(provider.confirm(started.transactionId()));
    assertThat(drainInbox().processed()).isEqualTo(2);

    Payment paid = payment(started);
    assertThat(paid.state()).isEqualTo(PaymentState.SUCCEEDED);
    assertThat(history(paid))
        .extracting(e -> e.source())
        .containsExactly(
            TransitionSource.LOCAL,
            TransitionSource.PROVIDER_RESPONSE,
            TransitionSource.WEBHOOK,
            TransitionSource.WEBHOOK);
    assertThat(provider.ledger().paymentsCreated(started.idempotencyKey())).isEqualTo(1);
    assertThat(observer.events(PaykitEvent.WebhookProcessed.class)).hasSize(2);
  }

  @Test
  void a_declined_card_fails_with_its_decline_code_and_a_customer_message() {
    Payment started = startedPayment("order-1");
    deliver(provider.decline(started.transactionId(), DeclineCode.INSUFFICIENT_FUNDS));
    drainInbox();

    Payment failed = payment(started);
    assertThat(failed.state()).isEqualTo(PaymentState.FAILED);
    assertThat(failed.failure().reason()).isEqualTo(FailureReason.DECLINED);
    assertThat(failed.failure().declineCode()).isEqualTo(DeclineCode.INSUFFICIENT_FUNDS);
    assertThat(CustomerMessages.of(failed).body())
        .containsIgnoringCase("insufficient funds")
        .doesNotContain("insufficient_funds");
  }

  @Test
  void a_customer_cancel_ends_cancelled() {
    Payment started = startedPayment("order-1");
    deliver(provider.cancel(started.transactionId()));
    drainInbox();
    assertThat(payment(started).state()).isEqualTo(PaymentState.CANCELLED);
  }

  @Test
  void an_abandoned_checkout_ends_expired() {
    Payment started = startedPayment("order-1");
    deliver(provider.expire(started.transactionId()));
    drainInbox();
    assertThat(payment(started).state()).isEqualTo(PaymentState.EXPIRED);
  }

  // --- webhooks: duplicates, order, forgery, replay --------------------------------------------

  @Test
  void a_duplicate_webhook_is_acknowledged_and_processed_once() {
    Payment started = startedPayment("order-1");
    SignedWebhook confirmed = provider.confirm(started.transactionId());

    assertThat(deliver(confirmed)).isInstanceOf(WebhookReceipt.Accepted.class);
    assertThat(deliver(confirmed)).isInstanceOf(WebhookReceipt.Duplicate.class);
    assertThat(deliver(confirmed).httpStatus()).isEqualTo(200);
    assertThat(drainInbox().processed()).isEqualTo(1);

    assertThat(history(started))
        .filteredOn(e -> confirmed.eventId().value().equals(e.eventId()))
        .hasSize(1);
  }

  @Test
  void an_event_whose_marking_failed_is_undone_with_it_and_applied_once_when_tried_again() {
    Payment started = startedPayment("order-1");
    SignedWebhook confirmed = provider.confirm(started.transactionId());
    deliver(confirmed);

    inbox.crashBeforeNextMarkProcessed();
    InboxRunReport failed = drainInbox();
    assertThat(failed.processed()).isZero();
    assertThat(failed.retried()).isEqualTo(1);
    assertThat(payment(started).state()).isEqualTo(PaymentState.STARTED);

    clock.advance(Duration.ofMinutes(2));
    InboxRunReport retried = drainInbox();

    assertThat(retried.processed()).isEqualTo(1);
    Payment paid = payment(started);
    assertThat(paid.state()).isEqualTo(PaymentState.SUCCEEDED);
    assertThat(history(paid))
        .filteredOn(e -> confirmed.eventId().value().equals(e.eventId()))
        .singleElement()
        .satisfies(e -> assertThat(e.timesSaid()).isEqualTo(1));
  }

  @Test
  void out_of_order_webhooks_end_in_the_latest_state_and_the_late_one_is_stale() {
    Payment started = startedPayment("order-1");
    SignedWebhook inProgress = provider.inProgress(started.transactionId());
    SignedWebhook confirmed = provider.confirm(started.transactionId());

    deliver(confirmed);
    drainInbox();
    deliver(inProgress);
    drainInbox();

    Payment paid = payment(started);
    assertThat(paid.state()).isEqualTo(PaymentState.SUCCEEDED);
    assertThat(history(paid).get(history(paid).size() - 1).outcome()).isEqualTo(Outcome.STALE);
  }

  @Test
  void a_forged_webhook_is_rejected_counted_and_changes_nothing() {
    Payment started = startedPayment("order-1");
    SignedWebhook genuine = provider.confirm(started.transactionId());

    WebhookReceipt forged = deliver(provider.forged(genuine));
    WebhookReceipt tampered = deliver(provider.tampered(genuine));

    assertThat(forged).isInstanceOf(WebhookReceipt.Rejected.class);
    assertThat(((WebhookReceipt.Rejected) forged).reason())
        .isEqualTo(WebhookVerification.Reason.NO_MATCHING_SIGNATURE);
    assertThat(tampered).isInstanceOf(WebhookReceipt.Rejected.class);
    assertThat(forged.httpStatus()).isEqualTo(401);
    assertThat(stores.inbox().find(genuine.eventId())).isEmpty();
    assertThat(observer.events(PaykitEvent.WebhookRejected.class)).hasSize(2);
    assertThat(drainInbox().claimed()).isZero();
    assertThat(payment(started).state()).isEqualTo(PaymentState.STARTED);
  }

  @Test
  void a_replayed_old_webhook_is_rejected_as_stale() {
    Payment started = startedPayment("order-1");
    SignedWebhook confirmed = provider.confirm(started.transactionId());
    clock.advance(Duration.ofMinutes(6));

    WebhookReceipt receipt = deliver(confirmed);

    assertThat(receipt).isInstanceOf(WebhookReceipt.Rejected.class);
    assertThat(((WebhookReceipt.Rejected) receipt).reason())
        .isEqualTo(WebhookVerification.Reason.STALE_TIMESTAMP);
    assertThat(payment(started).state()).isEqualTo(PaymentState.STARTED);
  }

  @Test
  void a_webhook_for_an_unknown_payment_is_retried_then_dead_lettered_and_can_be_replayed() {
    // A payment this app never recorded, e.g. made by another system on the same account.
    var foreign =
        provider.gateway().createPayment(request("order-elsewhere"), IdempotencyKey.of("not-ours"));
    var transaction = ((ProviderResult.Success<ProviderPayment>) foreign).value().transactionId();
    SignedWebhook orphan = provider.confirm(transaction);
    deliver(orphan);

    int retried = 0;
    int dead = 0;
    for (int pass = 0; pass < 10 && dead == 0; pass++) {
      InboxRunReport run = drainInbox();
      retried += run.retried();
      dead += run.deadLettered();
      clock.advance(Duration.ofSeconds(11));
    }

    assertThat(retried).isEqualTo(2);
    assertThat(dead).isEqualTo(1);
    assertThat(paykit.inbox().deadLetters(10))
        .extracting(e -> e.id())
        .containsExactly(orphan.eventId());
    assertThat(stores.inbox().find(orphan.eventId()).orElseThrow().lastError())
        .contains(transaction.value());
    assertThat(paykit.inbox().replayDeadLetter(orphan.eventId())).isTrue();
    assertThat(paykit.inbox().deadLetters(10)).isEmpty();
    assertThat(drainInbox().claimed()).isEqualTo(1);
  }

  // --- never trust the redirect -------------------------------------------------------------

  @Test
  void a_redirect_back_without_the_providers_confirmation_stays_pending() {
    Payment started = startedPayment("order-1");
    assertThat(paykit.verify().verify(started.id()).state()).isEqualTo(PaymentState.STARTED);

    provider.inProgress(started.transactionId());
    Payment verified = paykit.verify().verify(started.id());

    assertThat(verified.state()).isEqualTo(PaymentState.IN_PROGRESS);
    assertThat(verified.state().isTerminal()).isFalse();
    assertThat(CustomerMessages.of(verified).title()).isEqualTo("Payment pending");
  }

  @Test
  void verification_applies_the_providers_confirmation_before_the_webhook_arrives() {
    Payment started = startedPayment("order-1");
    SignedWebhook confirmed = provider.confirm(started.transactionId());

    assertThat(paykit.verify().verify(started.id()).state()).isEqualTo(PaymentState.SUCCEEDED);
    deliver(confirmed);
    drainInbox();

    Payment paid = payment(started);
    assertThat(paid.state()).isEqualTo(PaymentState.SUCCEEDED);
    assertThat(history(paid).get(history(paid).size() - 1).outcome()).isEqualTo(Outcome.DUPLICATE);
  }

  // --- idempotency -------------------------------------------------------------------------

  @Test
  void the_same_key_and_request_replays_the_stored_payment_without_a_second_charge() {
    IdempotencyKey key = IdempotencyKey.derive("user-7", "order-1", "attempt-1");
    CreatePaymentResult first =
        paykit.create().create(new CreatePaymentCommand(key, request("order-1")));
    CreatePaymentResult again =
        paykit.create().create(new CreatePaymentCommand(key, request("order-1")));

    assertThat(first).isInstanceOf(CreatePaymentResult.Started.class);
    assertThat(again).isInstanceOf(CreatePaymentResult.Replayed.class);
    assertThat(again.payment().id()).isEqualTo(first.payment().id());
    assertThat(provider.ledger().paymentsCreated(key)).isEqualTo(1);
    assertThat(provider.ledger().createCalls()).isEqualTo(1);
  }

  @Test
  void the_same_key_with_a_changed_request_is_a_conflict() {
    IdempotencyKey key = IdempotencyKey.of("checkout-42");
    paykit.create().create(new CreatePaymentCommand(key, request("order-1")));

    PaymentRequest changed =
        new PaymentRequest(
            new ExternalId("order-1"), Money.of(2000, "EUR"), null, null, urls(), null);
    assertThatThrownBy(() -> paykit.create().create(new CreatePaymentCommand(key, changed)))
        .isInstanceOf(IdempotencyKeyReusedException.class);
    assertThat(provider.ledger().totalPaymentsCreated()).isEqualTo(1);
    assertThat(observer.events(PaykitEvent.IdempotencyConflict.class)).hasSize(1);
  }

  @Test
  void a_second_payment_for_a_paid_order_is_refused() {
    Payment paid = succeededPayment("order-1");
    IdempotencyKey another = IdempotencyKey.derive("user-7", "order-1", "attempt-2");

    assertThatThrownBy(
            () -> paykit.create().create(new CreatePaymentCommand(another, request("order-1"))))
        .isInstanceOf(OrderAlreadyPaidException.class)
        .hasMessageContaining(paid.id().value());
    assertThat(provider.ledger().totalPaymentsCreated()).isEqualTo(1);
  }

  @Test
  void another_key_for_an_order_in_flight_answers_the_active_payment() {
    Payment active = startedPayment("order-1");
    CreatePaymentResult second =
        paykit
            .create()
            .create(new CreatePaymentCommand(IdempotencyKey.of("other-key"), request("order-1")));

    assertThat(second).isInstanceOf(CreatePaymentResult.ActivePaymentExists.class);
    assertThat(second.payment().id()).isEqualTo(active.id());
    assertThat(provider.ledger().totalPaymentsCreated()).isEqualTo(1);
  }

  @Test
  void a_new_attempt_after_a_decline_may_start() {
    Payment first = startedPayment("order-1");
    deliver(provider.decline(first.transactionId(), DeclineCode.DO_NOT_HONOR));
    drainInbox();

    CreatePaymentResult retry =
        paykit
            .create()
            .create(
                new CreatePaymentCommand(
                    IdempotencyKey.derive("user-7", "order-1", "attempt-2"), request("order-1")));

    assertThat(retry).isInstanceOf(CreatePaymentResult.Started.class);
    assertThat(retry.payment().id()).isNotEqualTo(first.id());
    assertThat(stores.payments().findByExternalId(new ExternalId("order-1"))).hasSize(2);
  }

  @Test
  void sixty_four_threads_with_the_same_key_make_one_charge_and_one_payment() {
    IdempotencyKey key = IdempotencyKey.derive("user-7", "order-1", "attempt-1");
    List<Concurrently.Attempt<Object>> outcomes =
        Concurrently.run(64, i -> () -> createOrInProgress(key, request("order-1")));

    assertThat(provider.ledger().paymentsCreated(key)).isEqualTo(1);
    assertThat(stores.payments().findByExternalId(new ExternalId("order-1"))).hasSize(1);
    assertThat(outcomes).allMatch(Concurrently.Attempt::succeeded);
    assertThat(outcomes)
        .filteredOn(o -> o.value() instanceof CreatePaymentResult.Started)
        .hasSize(1);
  }

  @Test
  void sixty_four_threads_with_different_keys_for_one_order_leave_one_active_payment() {
    List<Concurrently.Attempt<Object>> outcomes =
        Concurrently.run(
            64, i -> () -> createOrInProgress(IdempotencyKey.of("key-" + i), request("order-1")));

    assertThat(stores.payments().findByExternalId(new ExternalId("order-1")))
        .filteredOn(p -> p.state().isActive())
        .hasSize(1);
    assertThat(provider.ledger().totalPaymentsCreated()).isEqualTo(1);
    assertThat(outcomes).allMatch(Concurrently.Attempt::succeeded);
    assertThat(outcomes)
        .filteredOn(o -> o.value() instanceof CreatePaymentResult.Started)
        .hasSize(1);
  }

  // --- lost answers, outages and reconciliation --------------------------------------------

  @Test
  void a_create_that_times_out_after_the_provider_acted_is_recovered_by_the_same_key() {
    IdempotencyKey key = IdempotencyKey.derive("user-7", "order-1", "attempt-1");
    provider.answerLostAfterActing(Request.CREATE_PAYMENT);

    CreatePaymentResult lost =
        paykit.create().create(new CreatePaymentCommand(key, request("order-1")));
    assertThat(lost).isInstanceOf(CreatePaymentResult.Pending.class);
    assertThat(lost.payment().state()).isEqualTo(PaymentState.SUBMITTED);
    assertThat(provider.ledger().paymentsCreated(key)).isEqualTo(1);

    CreatePaymentResult retried =
        paykit.create().create(new CreatePaymentCommand(key, request("order-1")));

    assertThat(retried).isInstanceOf(CreatePaymentResult.Started.class);
    assertThat(retried.payment().id()).isEqualTo(lost.payment().id());
    assertThat(retried.payment().transactionId()).isNotNull();
    assertThat(provider.ledger().paymentsCreated(key)).isEqualTo(1);
  }

  @Test
  void a_lost_create_response_is_finished_by_the_reconciler_without_a_second_charge() {
    IdempotencyKey key = IdempotencyKey.derive("user-7", "order-1", "attempt-1");
    provider.answerLostAfterActing(Request.CREATE_PAYMENT);
    Payment lost =
        paykit.create().create(new CreatePaymentCommand(key, request("order-1"))).payment();

    clock.advance(Duration.ofMinutes(1));
    ReconciliationReport report = paykit.reconcile().reconcile();

    assertThat(report.items()).hasSize(1);
    assertThat(report.items().get(0).action()).isEqualTo(ReconciliationReport.Action.RESUBMITTED);
    assertThat(payment(lost).state()).isEqualTo(PaymentState.STARTED);
    assertThat(payment(lost).transactionId()).isNotNull();
    assertThat(provider.ledger().paymentsCreated(key)).isEqualTo(1);
  }

  @Test
  void a_lost_create_response_past_the_providers_key_memory_is_found_by_its_order() {
    IdempotencyKey key = IdempotencyKey.derive("user-7", "order-1", "attempt-1");
    provider.answerLostAfterActing(Request.CREATE_PAYMENT);
    Payment lost =
        paykit.create().create(new CreatePaymentCommand(key, request("order-1"))).payment();
    TransactionId atProvider = provider.transactionsFor(new ExternalId("order-1")).get(0);
    int createCallsBefore = provider.ledger().createCalls();

    clock.advance(Duration.ofHours(24));
    ReconciliationReport report = paykit.reconcile().reconcile();

    assertThat(report.items())
        .singleElement()
        .extracting(ReconciliationReport.Item::action)
        .isEqualTo(ReconciliationReport.Action.FOUND_BY_EXTERNAL_ID);
    assertThat(payment(lost).transactionId()).isEqualTo(atProvider);
    // A day on, the 15-minute checkout is still open at a provider that never expires one on its
    // own (the fake) and expired at one that does (the reference sandbox): either is the
    // provider's word, and the payment is no longer SUBMITTED.
    assertThat(payment(lost).state()).isIn(PaymentState.STARTED, PaymentState.EXPIRED);
    assertThat(provider.ledger().createCalls()).isEqualTo(createCallsBefore);
  }

  @Test
  void a_webhook_for_a_payment_whose_create_response_was_lost_completes_it() {
    IdempotencyKey key = IdempotencyKey.derive("user-7", "order-1", "attempt-1");
    provider.answerLostAfterActing(Request.CREATE_PAYMENT);
    Payment lost =
        paykit.create().create(new CreatePaymentCommand(key, request("order-1"))).payment();
    TransactionId atProvider = provider.transactionsFor(new ExternalId("order-1")).get(0);

    deliver(provider.confirm(atProvider));
    drainInbox();

    Payment paid = payment(lost);
    assertThat(paid.state()).isEqualTo(PaymentState.SUCCEEDED);
    assertThat(paid.transactionId()).isEqualTo(atProvider);
  }

  @Test
  void a_create_during_a_provider_outage_is_queued_and_submitted_later_with_the_same_key() {
    IdempotencyKey key = IdempotencyKey.derive("user-7", "order-1", "attempt-1");
    provider.unavailable(Request.CREATE_PAYMENT);

    CreatePaymentResult queued =
        paykit.create().create(new CreatePaymentCommand(key, request("order-1")));
    assertThat(queued).isInstanceOf(CreatePaymentResult.Queued.class);
    assertThat(queued.payment().state()).isEqualTo(PaymentState.CREATED);
    assertThat(provider.ledger().paymentsCreated(key)).isZero();
    assertThat(observer.events(PaykitEvent.PaymentQueued.class)).hasSize(1);

    clock.advance(Duration.ofMinutes(1));
    paykit.reconcile().reconcile();

    assertThat(payment(queued.payment()).state()).isEqualTo(PaymentState.STARTED);
    assertThat(provider.ledger().paymentsCreated(key)).isEqualTo(1);
  }

  @Test
  void a_payment_whose_webhook_never_came_is_reconciled_from_a_look_up() {
    Payment started = startedPayment("order-1");
    provider.confirm(started.transactionId());

    clock.advance(Duration.ofMinutes(4));
    assertThat(paykit.reconcile().reconcile().items()).isEmpty();
    clock.advance(Duration.ofMinutes(2));
    ReconciliationReport report = paykit.reconcile().reconcile();

    assertThat(report.changed()).isEqualTo(1);
    Payment paid = payment(started);
    assertThat(paid.state()).isEqualTo(PaymentState.SUCCEEDED);
    assertThat(history(paid).get(history(paid).size() - 1).source())
        .isEqualTo(TransitionSource.LOOKUP);
  }

  @Test
  void a_provider_refusal_fails_the_payment_without_a_charge() {
    assumeCapability(Capability.SCRIPTED_REFUSALS);
    provider.refuse(
        Request.CREATE_PAYMENT,
        new ProviderError(
            ProviderError.Kind.VALIDATION,
            "invalid_amount",
            "amount too small",
            "amount.value",
            null));
    CreatePaymentResult result =
        paykit
            .create()
            .create(new CreatePaymentCommand(IdempotencyKey.of("k-1"), request("order-1")));

    assertThat(result).isInstanceOf(CreatePaymentResult.Rejected.class);
    assertThat(result.payment().state()).isEqualTo(PaymentState.FAILED);
    assertThat(result.payment().failure().reason()).isEqualTo(FailureReason.REJECTED);
    assertThat(provider.ledger().totalPaymentsCreated()).isZero();
  }

  // --- refunds -----------------------------------------------------------------------------

  @Test
  void a_partial_then_a_full_refund_never_exceed_the_payment() {
    Payment paid = succeededPayment("order-1");
    RefundResult partial = refund(paid, "refund-1", 500);
    RefundResult rest = refund(paid, "refund-2", 550);

    assertThat(partial).isInstanceOf(RefundResult.Accepted.class);
    assertThat(rest).isInstanceOf(RefundResult.Accepted.class);
    assertThatThrownBy(() -> refund(paid, "refund-3", 1))
        .isInstanceOf(RefundNotAllowedException.class)
        .hasMessageContaining("exceeds");
    assertThat(provider.ledger().refundedMinorUnits(paid.transactionId())).isEqualTo(1050);

    deliver(provider.refundSucceeded(partial.refund().providerRefundId()));
    drainInbox();
    assertThat(stores.refunds().findById(partial.refund().id()).orElseThrow().state())
        .isEqualTo(RefundState.SUCCEEDED);
  }

  @Test
  void a_refund_retried_with_the_same_key_is_replayed() {
    Payment paid = succeededPayment("order-1");
    RefundResult first = refund(paid, "refund-1", 500);
    RefundResult again = refund(paid, "refund-1", 500);

    assertThat(again).isInstanceOf(RefundResult.Replayed.class);
    assertThat(again.refund().id()).isEqualTo(first.refund().id());
    assertThat(provider.ledger().refundsCreated(IdempotencyKey.of("refund-1"))).isEqualTo(1);
  }

  @Test
  void a_refund_whose_answer_was_lost_is_finished_by_the_reconciler_without_a_second_refund() {
    Payment paid = succeededPayment("order-1");
    provider.answerLostAfterActing(Request.CREATE_REFUND);
    RefundResult lost = refund(paid, "refund-1", 500);
    assertThat(lost).isInstanceOf(RefundResult.Pending.class);
    assertThat(lost.refund().state()).isEqualTo(RefundState.REQUESTED);

    clock.advance(Duration.ofSeconds(29));
    assertThat(paykit.reconcile().reconcile().refunds()).isEmpty();
    clock.advance(Duration.ofSeconds(2));
    ReconciliationReport report = paykit.reconcile().reconcile();

    assertThat(report.refunds())
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.action()).isEqualTo(ReconciliationReport.Action.RESUBMITTED);
              assertThat(item.before()).isEqualTo(RefundState.REQUESTED);
              assertThat(item.after()).isEqualTo(RefundState.PENDING);
            });
    Refund finished = stores.refunds().findById(lost.refund().id()).orElseThrow();
    assertThat(finished.providerRefundId()).isNotNull();
    assertThat(provider.ledger().refundsCreated(IdempotencyKey.of("refund-1"))).isEqualTo(1);
    assertThat(refund(paid, "refund-1", 500)).isInstanceOf(RefundResult.Replayed.class);
  }

  @Test
  void a_pending_refund_whose_webhook_never_came_is_settled_from_a_look_up() {
    Payment paid = succeededPayment("order-1");
    Refund accepted = refund(paid, "refund-1", 500).refund();
    assertThat(accepted.state()).isEqualTo(RefundState.PENDING);
    provider.refundSucceeded(accepted.providerRefundId());

    clock.advance(Duration.ofMinutes(4));
    assertThat(paykit.reconcile().reconcile().refunds()).isEmpty();
    clock.advance(Duration.ofMinutes(2));
    ReconciliationReport report = paykit.reconcile().reconcile();

    assertThat(report.refunds())
        .singleElement()
        .extracting(ReconciliationReport.RefundItem::action)
        .isEqualTo(ReconciliationReport.Action.LOOKED_UP);
    assertThat(report.changed()).isEqualTo(1);
    assertThat(stores.refunds().findById(accepted.id()).orElseThrow().state())
        .isEqualTo(RefundState.SUCCEEDED);
  }

  @Test
  void an_unconfirmed_refund_is_not_sent_again_once_the_provider_forgot_its_key() {
    Payment paid = succeededPayment("order-1");
    provider.lostBeforeActing(Request.CREATE_REFUND);
    Refund lost = refund(paid, "refund-1", 500).refund();

    clock.advance(Duration.ofHours(24));
    ReconciliationReport report = paykit.reconcile().reconcile();

    assertThat(report.refunds())
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.action()).isEqualTo(ReconciliationReport.Action.UNRESOLVED);
              assertThat(item.detail()).contains("check the refund by hand");
            });
    assertThat(provider.ledger().refundsCreated(IdempotencyKey.of("refund-1"))).isZero();
    assertThat(stores.refunds().findById(lost.id()).orElseThrow().state())
        .isEqualTo(RefundState.REQUESTED);
  }

  @Test
  void a_refund_whose_key_the_provider_is_still_working_on_stays_requested_not_failed() {
    assumeCapability(Capability.SCRIPTED_REFUSALS);
    Payment paid = succeededPayment("order-1");
    provider.refuse(
        Request.CREATE_REFUND,
        new ProviderError(
            ProviderError.Kind.IDEMPOTENCY_KEY_IN_USE,
            "idempotency_key_in_use",
            "a request with this key is in progress",
            "Idempotency-Key",
            null));

    RefundResult answer = refund(paid, "refund-1", 1050);

    assertThat(answer).isInstanceOf(RefundResult.Pending.class);
    assertThat(stores.refunds().findById(answer.refund().id()).orElseThrow().state())
        .isEqualTo(RefundState.REQUESTED);
    assertThatThrownBy(() -> refund(paid, "refund-2", 1))
        .isInstanceOf(RefundNotAllowedException.class);
  }

  @Test
  void an_unpaid_payment_cannot_be_refunded() {
    Payment started = startedPayment("order-1");
    assertThatThrownBy(() -> refund(started, "refund-1", 100))
        .isInstanceOf(RefundNotAllowedException.class)
        .extracting(e -> ((RefundNotAllowedException) e).code())
        .isEqualTo("payment_not_refundable");
  }

  // --- listing -----------------------------------------------------------------------------

  @Test
  void payments_are_listed_by_order_and_state() {
    succeededPayment("order-1");
    startedPayment("order-2");
    startedPayment("order-3");

    assertThat(paykit.list().list(PaymentQuery.all().withState(PaymentState.STARTED)).items())
        .hasSize(2);
    assertThat(
            paykit
                .list()
                .list(PaymentQuery.all().withExternalId(new ExternalId("order-1")))
                .items())
        .singleElement()
        .extracting(Payment::state)
        .isEqualTo(PaymentState.SUCCEEDED);
  }

  // --- helpers -----------------------------------------------------------------------------

  /** Skips the test, naming the capability, when the provider under test lacks it. */
  protected void assumeCapability(Capability capability) {
    assumeTrue(
        provider.capabilities().contains(capability),
        () -> "not run: the provider under test lacks " + capability);
  }

  protected PaymentRequest request(String order) {
    return new PaymentRequest(
        new ExternalId(order),
        Money.of(1050, "EUR"),
        "Two concert tickets",
        Metadata.of(Map.of("cartId", "c-19")),
        urls(),
        Duration.ofMinutes(15));
  }

  private static ReturnUrls urls() {
    return ReturnUrls.of("https://shop.example/pay/return", "https://shop.example/pay/cancel");
  }

  protected Payment startedPayment(String order) {
    orders++;
    CreatePaymentResult result =
        paykit
            .create()
            .create(
                new CreatePaymentCommand(
                    IdempotencyKey.derive("user-7", order, "attempt-" + orders), request(order)));
    assertThat(result).isInstanceOf(CreatePaymentResult.Started.class);
    return result.payment();
  }

  protected Payment succeededPayment(String order) {
    Payment started = startedPayment(order);
    deliver(provider.confirm(started.transactionId()));
    drainInbox();
    Payment paid = payment(started);
    assertThat(paid.state()).isEqualTo(PaymentState.SUCCEEDED);
    return paid;
  }

  protected WebhookReceipt deliver(SignedWebhook webhook) {
    return paykit.receiveWebhook().receive(webhook.body(), webhook.headers());
  }

  protected InboxRunReport drainInbox() {
    return paykit.inbox().processPending(100);
  }

  /**
   * Hands the shop every event that is due, pass after pass (a pass takes one event per payment),
   * until a pass finds none; returns how many the shop took.
   */
  protected int drainOutbox() {
    int delivered = 0;
    for (int pass = 0; pass < 1000; pass++) {
      OutboxRunReport run = paykit.outbox().dispatchPending(100);
      delivered += run.delivered();
      if (run.claimed() == 0) {
        return delivered;
      }
    }
    throw new AssertionError("the outbox still had due events after 1000 passes");
  }

  protected Payment payment(Payment any) {
    return stores.payments().findById(any.id()).orElseThrow();
  }

  private RefundResult refund(Payment paid, String key, long minor) {
    return paykit
        .refund()
        .refund(new RefundCommand(IdempotencyKey.of(key), paid.id(), Money.of(minor, "EUR"), null));
  }

  private List<HistoryEntry> history(Payment payment) {
    return paykit.list().history(payment.id());
  }

  /** The stores with their inbox seen through {@code wrapped}, which delegates to it. */
  private static Stores withInbox(Stores stores, WebhookInbox wrapped) {
    return new Stores() {
      @Override
      public PaymentStore payments() {
        return stores.payments();
      }

      @Override
      public IdempotencyStore idempotencyKeys() {
        return stores.idempotencyKeys();
      }

      @Override
      public WebhookInbox inbox() {
        return wrapped;
      }

      @Override
      public RefundStore refunds() {
        return stores.refunds();
      }

      @Override
      public DisputeStore disputes() {
        return stores.disputes();
      }

      @Override
      public SubscriptionStore subscriptions() {
        return stores.subscriptions();
      }

      @Override
      public Outbox outbox() {
        return stores.outbox();
      }

      @Override
      public UnitOfWork unitOfWork() {
        return stores.unitOfWork();
      }
    };
  }

  private List<Payment> allPayments() {
    return stores.payments().list(PaymentQuery.all().withLimit(100)).items();
  }

  /** A request turned away because another holds the key is a fine outcome for a racer. */
  private Object createOrInProgress(IdempotencyKey key, PaymentRequest request) {
    try {
      return paykit.create().create(new CreatePaymentCommand(key, request));
    } catch (RequestInProgressException e) {
      return e;
    }
  }
}
