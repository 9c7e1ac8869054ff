package dev.paykit.core.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.paykit.domain.dispute.Dispute;
import dev.paykit.domain.dispute.DisputeEvent;
import dev.paykit.domain.dispute.DisputeHistoryEntry;
import dev.paykit.domain.dispute.DisputeId;
import dev.paykit.domain.dispute.DisputeReason;
import dev.paykit.domain.dispute.DisputeState;
import dev.paykit.domain.dispute.Evidence;
import dev.paykit.domain.dispute.EvidenceDocument;
import dev.paykit.domain.dispute.ProviderDispute;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.outbox.OutboxEvent;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Metadata;
import dev.paykit.domain.payment.Outcome;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.ReturnUrls;
import dev.paykit.domain.payment.TransitionSource;
import dev.paykit.domain.refund.RefundDecision;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.in.EvidenceDeadlinePassedException;
import dev.paykit.port.in.EvidenceNotAcceptedException;
import dev.paykit.port.in.EvidenceResult;
import dev.paykit.port.in.IdempotencyKeyReusedException;
import dev.paykit.port.in.InboxRunReport;
import dev.paykit.port.in.ReconciliationReport;
import dev.paykit.port.in.RefundCommand;
import dev.paykit.port.in.RefundNotAllowedException;
import dev.paykit.port.in.RefundResult;
import dev.paykit.port.in.SubmitEvidenceCommand;
import dev.paykit.port.in.WebhookReceipt;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.ProviderResult;
import dev.paykit.port.out.Stores;
import dev.paykit.service.PaykitCore;
import dev.paykit.service.PaykitSettings;
import dev.paykit.testkit.FlowProvider;
import dev.paykit.testkit.FlowProvider.Capability;
import dev.paykit.testkit.FlowProvider.Request;
import dev.paykit.testkit.fake.FakeProvider;
import dev.paykit.testkit.fake.SignedWebhook;
import dev.paykit.testkit.flows.FlowClock;
import dev.paykit.testkit.flows.RecordingObserver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every dispute flow, end to end through the real services, against a provider: from the first
 * webhook to won or lost, the refund rule, evidence and its deadline, the reminder and the
 * reconciler. A store implementation runs the whole suite by extending it, against the testkit's
 * fake provider: the in-memory adapter does, and the JDBC adapter does on H2 and on PostgreSQL. A
 * provider author runs it against their own gateway and sandbox by also overriding {@link
 * #newProvider}: the reference gateway does ({@code ReferenceGatewayDisputeFlowsTest} in
 * adapter-http).
 */
public abstract class DisputeFlowsContract {

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

  private FlowClock clock;
  private FlowProvider provider;
  private RecordingObserver observer;
  private RecordingEventHandler shop;
  private PaykitCore paykit;
  private Stores stores;
  private int orders;

  @BeforeEach
  void wireTheCore() {
    clock = new FlowClock(Instant.parse("2026-11-24T10:00:00Z"));
    provider = newProvider(clock);
    observer = new RecordingObserver();
    shop = new RecordingEventHandler();
    stores = newStores();
    paykit =
        PaykitCore.builder()
            .stores(stores)
            .provider(provider.gateway(), provider.webhookVerifier(clock), provider.webhookParser())
            .observer(observer)
            .eventHandler(shop)
            .settings(
                PaykitSettings.defaults()
                    .withInboxRetry(3, Duration.ofSeconds(1), Duration.ofSeconds(10)))
            .clock(clock)
            .build();
  }

  @AfterEach
  void stopTheProvider() {
    provider.close();
  }

  // --- from the first webhook to the outcome ---------------------------------------------------

  @Test
  void a_dispute_opened_then_contested_with_evidence_and_won_is_refundable_again() {
    Payment paid = succeededPayment("order-1");

    Dispute opened = open(paid, 1050, DisputeReason.PRODUCT_NOT_RECEIVED);
    assertThat(opened.state()).isEqualTo(DisputeState.NEEDS_RESPONSE);
    assertRefundRefused(paid, "refund-while-open", 1);

    EvidenceResult sent = paykit.evidence().submit(command(opened, "evidence-1", evidence("a")));
    assertThat(sent).isInstanceOf(EvidenceResult.Submitted.class);
    assertThat(sent.dispute().state()).isEqualTo(DisputeState.UNDER_REVIEW);
    assertThat(sent.dispute().evidenceSubmitted()).isPresent();
    deliverLatest();
    drainInbox();

    deliver(provider.moveDispute(opened.id(), DisputeState.WON));
    drainInbox();
    drainOutbox();

    assertThat(dispute(opened).state()).isEqualTo(DisputeState.WON);
    RefundResult refund = refund(paid, "refund-after-won", 1050);
    assertThat(refund).isInstanceOf(RefundResult.Accepted.class);
    drainOutbox();
    assertThat(shop.typesOf(paid.id()))
        .containsExactly(
            "payment.created",
            "payment.started",
            "payment.succeeded",
            "dispute.opened",
            "dispute.won",
            "refund.pending");
    OutboxEvent openedEvent = shop.handled().get(3);
    assertThat(openedEvent.payload())
        .containsEntry("disputeId", opened.id().value())
        .containsEntry("reason", "PRODUCT_NOT_RECEIVED")
        .containsEntry("disputeAmount.value", "1050")
        .containsEntry("evidenceDueBy", opened.evidenceDueBy().toString());
    assertThat(paykit.disputes().timeline(opened.id()))
        .extracting(
            DisputeHistoryEntry::event, DisputeHistoryEntry::to, DisputeHistoryEntry::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                DisputeEvent.REPORTED_NEEDS_RESPONSE, DisputeState.NEEDS_RESPONSE, Outcome.APPLIED),
            org.assertj.core.groups.Tuple.tuple(
                DisputeEvent.EVIDENCE_ACCEPTED, DisputeState.UNDER_REVIEW, Outcome.APPLIED),
            org.assertj.core.groups.Tuple.tuple(
                DisputeEvent.REPORTED_UNDER_REVIEW, DisputeState.UNDER_REVIEW, Outcome.DUPLICATE),
            org.assertj.core.groups.Tuple.tuple(
                DisputeEvent.REPORTED_WON, DisputeState.WON, Outcome.APPLIED));
  }

  @Test
  void after_a_lost_dispute_a_refund_beyond_what_remains_is_refused_before_anything_is_sent() {
    Payment paid = succeededPayment("order-1");
    Dispute opened = open(paid, 600, DisputeReason.FRAUDULENT);
    deliver(provider.moveDispute(opened.id(), DisputeState.LOST));
    drainInbox();

    RefundNotAllowedException refused = assertRefundRefused(paid, "refund-too-much", 451);

    assertThat(refused.decision())
        .isEqualTo(new RefundDecision.ExceedsPayment(Money.of(451, "EUR"), Money.of(450, "EUR")));
    assertThat(provider.ledger().refundsCreated(paid.transactionId())).isZero();
    assertThat(refund(paid, "refund-the-rest", 450)).isInstanceOf(RefundResult.Accepted.class);
    drainOutbox();
    assertThat(shop.typesOf(paid.id())).contains("dispute.opened", "dispute.lost");
  }

  @Test
  void a_dispute_opened_after_a_partial_refund_leaves_nothing_to_refund() {
    Payment paid = succeededPayment("order-1");
    assertThat(refund(paid, "refund-part", 300)).isInstanceOf(RefundResult.Accepted.class);

    Dispute opened = open(paid, 750, DisputeReason.DUPLICATE);

    assertThat(opened.amount()).isEqualTo(Money.of(750, "EUR"));
    assertRefundRefused(paid, "refund-more", 1);
    assertThat(provider.ledger().refundsCreated(paid.transactionId())).isEqualTo(1);
  }

  // --- duplicates and disorder ----------------------------------------------------------------

  @Test
  void duplicate_and_out_of_order_dispute_webhooks_are_recorded_and_never_move_it_back() {
    assumeCapability(Capability.ANY_DISPUTE_MOVE);
    Payment paid = succeededPayment("order-1");
    SignedWebhook needsResponse =
        provider.openDispute(paid.transactionId(), Money.of(1050, "EUR"), DisputeReason.OTHER);
    DisputeId id = latestDisputeOf(paid);
    SignedWebhook underReview = provider.moveDispute(id, DisputeState.UNDER_REVIEW);
    SignedWebhook lost = provider.moveDispute(id, DisputeState.LOST);

    deliver(lost);
    drainInbox();
    deliver(underReview);
    assertThat(deliver(underReview)).isInstanceOf(WebhookReceipt.Duplicate.class);
    deliver(needsResponse);
    drainInbox();
    drainOutbox();

    Dispute dispute = stores.disputes().findById(id).orElseThrow();
    assertThat(dispute.state()).isEqualTo(DisputeState.LOST);
    assertThat(paykit.disputes().timeline(id))
        .extracting(DisputeHistoryEntry::outcome)
        .containsExactly(Outcome.APPLIED, Outcome.STALE, Outcome.STALE);
    assertThat(shop.typesOf(paid.id())).containsSubsequence("dispute.opened", "dispute.lost");
    assertThat(shop.typesOf(paid.id()).stream().filter(t -> t.startsWith("dispute.")))
        .containsExactly("dispute.opened", "dispute.lost");
  }

  @Test
  void a_won_dispute_contradicted_by_a_lost_report_stays_won_and_the_anomaly_is_recorded() {
    assumeCapability(Capability.ANY_DISPUTE_MOVE);
    Payment paid = succeededPayment("order-1");
    Dispute opened = open(paid, 1050, DisputeReason.FRAUDULENT);
    deliver(provider.moveDispute(opened.id(), DisputeState.WON));
    drainInbox();
    deliver(provider.moveDispute(opened.id(), DisputeState.LOST));
    drainInbox();

    assertThat(dispute(opened).state()).isEqualTo(DisputeState.WON);
    assertThat(paykit.disputes().timeline(opened.id()))
        .extracting(DisputeHistoryEntry::outcome)
        .endsWith(Outcome.ANOMALY);
  }

  @Test
  void a_dispute_of_a_payment_not_known_here_is_retried_then_dead_lettered() {
    ProviderPayment elsewhere =
        ((ProviderResult.Success<ProviderPayment>)
                provider
                    .gateway()
                    .createPayment(request("order-elsewhere"), IdempotencyKey.of("not-ours")))
            .value();
    provider.confirm(elsewhere.transactionId());
    deliver(
        provider.openDispute(
            elsewhere.transactionId(), Money.of(1050, "EUR"), DisputeReason.FRAUDULENT));

    InboxRunReport first = drainInbox();
    clock.advance(Duration.ofSeconds(2));
    drainInbox();
    clock.advance(Duration.ofSeconds(3));
    InboxRunReport last = drainInbox();

    assertThat(first.retried()).isEqualTo(1);
    assertThat(last.deadLettered()).isEqualTo(1);
    assertThat(paykit.inbox().deadLetters(10)).hasSize(1);
    assertThat(observer.events(PaykitEvent.WebhookDeadLettered.class))
        .singleElement()
        .satisfies(e -> assertThat(e.error()).contains("no payment known"));
  }

  // --- evidence -------------------------------------------------------------------------------

  @Test
  void evidence_sent_again_with_its_key_is_replayed_and_reaches_the_provider_once() {
    Dispute opened = open(succeededPayment("order-1"), 1050, DisputeReason.FRAUDULENT);

    paykit.evidence().submit(command(opened, "evidence-1", evidence("a")));
    EvidenceResult again = paykit.evidence().submit(command(opened, "evidence-1", evidence("a")));

    assertThat(again).isInstanceOf(EvidenceResult.Replayed.class);
    assertThat(provider.evidenceReceived(opened.id())).isEqualTo(1);
    assertThatThrownBy(() -> paykit.evidence().submit(command(opened, "evidence-1", evidence("b"))))
        .isInstanceOf(IdempotencyKeyReusedException.class);
  }

  @Test
  void evidence_whose_answer_was_lost_is_finished_by_sending_again_with_the_same_key() {
    Dispute opened = open(succeededPayment("order-1"), 1050, DisputeReason.FRAUDULENT);
    provider.answerLostAfterActing(Request.SUBMIT_EVIDENCE);

    EvidenceResult lost = paykit.evidence().submit(command(opened, "evidence-1", evidence("a")));
    EvidenceResult retried = paykit.evidence().submit(command(opened, "evidence-1", evidence("a")));

    assertThat(lost).isInstanceOf(EvidenceResult.Pending.class);
    assertThat(lost.dispute().state()).isEqualTo(DisputeState.NEEDS_RESPONSE);
    assertThat(retried).isInstanceOf(EvidenceResult.Submitted.class);
    assertThat(retried.dispute().state()).isEqualTo(DisputeState.UNDER_REVIEW);
    assertThat(provider.evidenceReceived(opened.id())).isEqualTo(1);
  }

  @Test
  void evidence_after_the_deadline_is_refused_by_the_provider_as_a_typed_error() {
    Dispute opened = open(succeededPayment("order-1"), 1050, DisputeReason.FRAUDULENT);
    advanceTo(opened.evidenceDueBy().plus(Duration.ofMinutes(1)));

    assertThatThrownBy(
            () -> paykit.evidence().submit(command(opened, "evidence-late", evidence("a"))))
        .isInstanceOfSatisfying(
            EvidenceDeadlinePassedException.class,
            e -> {
              assertThat(e.code()).isEqualTo("evidence_deadline_passed");
              assertThat(e.dueBy()).isEqualTo(opened.evidenceDueBy());
            });
    assertThat(dispute(opened).state()).isEqualTo(DisputeState.NEEDS_RESPONSE);
    assertThat(provider.evidenceReceived(opened.id())).isZero();
  }

  @Test
  void evidence_for_a_dispute_under_review_is_refused_before_anything_is_sent() {
    Dispute opened = open(succeededPayment("order-1"), 1050, DisputeReason.FRAUDULENT);
    paykit.evidence().submit(command(opened, "evidence-1", evidence("a")));

    assertThatThrownBy(() -> paykit.evidence().submit(command(opened, "evidence-2", evidence("b"))))
        .isInstanceOf(EvidenceNotAcceptedException.class);
    assertThat(provider.evidenceReceived(opened.id())).isEqualTo(1);
  }

  @Test
  void evidence_the_provider_refuses_for_another_reason_is_refused_and_can_be_asked_again() {
    assumeCapability(Capability.ANY_DISPUTE_MOVE);
    Payment paid = succeededPayment("order-1");
    Dispute opened = open(paid, 1050, DisputeReason.FRAUDULENT);
    // The provider moved the dispute under review; its webhook has not arrived yet.
    provider.moveDispute(opened.id(), DisputeState.UNDER_REVIEW);

    EvidenceResult refused = paykit.evidence().submit(command(opened, "evidence-1", evidence("a")));
    deliverLatest();
    drainInbox();
    EvidenceResult again = paykit.evidence().submit(command(opened, "evidence-1", evidence("a")));

    assertThat(refused).isInstanceOf(EvidenceResult.Refused.class);
    assertThat(((EvidenceResult.Refused) refused).error().code())
        .isEqualTo("dispute_not_accepting_evidence");
    assertThat(refused.dispute().evidenceSubmitted()).isEmpty();
    assertThat(again).isInstanceOf(EvidenceResult.Refused.class);
    assertThat(provider.evidenceReceived(opened.id())).isZero();
  }

  // --- the deadline, the reconciler, the gauges ------------------------------------------------

  @Test
  void the_evidence_due_reminder_is_raised_once_48_hours_before_the_deadline() {
    Payment paid = succeededPayment("order-1");
    Dispute opened = open(paid, 1050, DisputeReason.FRAUDULENT);

    advanceTo(opened.evidenceDueBy().minus(Duration.ofHours(48)).minus(Duration.ofMinutes(1)));
    assertThat(paykit.reminders().remindDue()).isZero();
    clock.advance(Duration.ofMinutes(2));
    assertThat(paykit.reminders().remindDue()).isEqualTo(1);
    assertThat(paykit.reminders().remindDue()).isZero();
    clock.advance(Duration.ofHours(1));
    assertThat(paykit.reminders().remindDue()).isZero();
    drainOutbox();

    assertThat(shop.typesOf(paid.id()).stream().filter(t -> t.equals("dispute.evidence_due")))
        .hasSize(1);
    assertThat(dispute(opened).reminderSent()).isPresent();
    assertThat(paykit.disputes().timeline(opened.id()))
        .extracting(DisputeHistoryEntry::event)
        .containsExactly(DisputeEvent.REPORTED_NEEDS_RESPONSE, DisputeEvent.DEADLINE_REMINDED);
  }

  @Test
  void no_reminder_is_raised_for_a_dispute_whose_evidence_was_sent() {
    Dispute opened = open(succeededPayment("order-1"), 1050, DisputeReason.FRAUDULENT);
    paykit.evidence().submit(command(opened, "evidence-1", evidence("a")));

    advanceTo(opened.evidenceDueBy().minus(Duration.ofHours(24)));

    assertThat(paykit.reminders().remindDue()).isZero();
  }

  @Test
  void the_reconciler_looks_up_a_dispute_without_news_and_applies_what_the_provider_says() {
    Payment paid = succeededPayment("order-1");
    Dispute opened = open(paid, 1050, DisputeReason.FRAUDULENT);
    provider.moveDispute(opened.id(), DisputeState.LOST);

    clock.advance(Duration.ofHours(23));
    assertThat(paykit.reconcile().reconcile().disputes()).isEmpty();
    clock.advance(Duration.ofHours(2));
    ReconciliationReport report = paykit.reconcile().reconcile();
    drainOutbox();

    assertThat(report.disputes())
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.before()).isEqualTo(DisputeState.NEEDS_RESPONSE);
              assertThat(item.after()).isEqualTo(DisputeState.LOST);
            });
    assertThat(dispute(opened).latest().source()).isEqualTo(TransitionSource.LOOKUP);
    assertThat(shop.typesOf(paid.id())).contains("dispute.lost");
  }

  @Test
  void a_quiet_dispute_the_provider_has_nothing_new_on_is_asked_once_per_threshold() {
    Dispute opened = open(succeededPayment("order-1"), 1050, DisputeReason.FRAUDULENT);

    clock.advance(Duration.ofHours(25));
    ReconciliationReport asked = paykit.reconcile().reconcile();
    ReconciliationReport again = paykit.reconcile().reconcile();

    assertThat(asked.disputes()).hasSize(1);
    assertThat(again.disputes()).isEmpty();
    assertThat(paykit.disputes().timeline(opened.id())).hasSize(1);
  }

  @Test
  void the_open_disputes_are_measured_by_state_and_reason() {
    Payment paid = succeededPayment("order-1");
    open(paid, 500, DisputeReason.FRAUDULENT);
    Dispute other = open(paid, 500, DisputeReason.DUPLICATE);
    deliver(provider.moveDispute(other.id(), DisputeState.WON));
    drainInbox();

    paykit.reminders().remindDue();

    PaykitEvent.DisputesMeasured measured =
        observer.events(PaykitEvent.DisputesMeasured.class).get(0);
    assertThat(measured.open()).isEqualTo(1);
    assertThat(measured.counts())
        .containsEntry(DisputeState.WON, Map.of(DisputeReason.DUPLICATE, 1L));
    assertThat(observer.events(PaykitEvent.DisputeUpdated.class))
        .extracting(e -> e.entry().event())
        .containsExactly(
            DisputeEvent.REPORTED_NEEDS_RESPONSE,
            DisputeEvent.REPORTED_NEEDS_RESPONSE,
            DisputeEvent.REPORTED_WON);
  }

  // --- helpers -------------------------------------------------------------------------------

  /** Skips the test, naming the capability, when the provider under test lacks it. */
  private void assumeCapability(Capability capability) {
    assumeTrue(
        provider.capabilities().contains(capability),
        () -> "not run: the provider under test lacks " + capability);
  }

  /** Moves the clock to {@code instant}, which the provider set (a dispute's deadline). */
  private void advanceTo(Instant instant) {
    clock.advance(Duration.between(clock.instant(), instant));
  }

  private PaymentRequest request(String order) {
    return new PaymentRequest(
        new ExternalId(order),
        Money.of(1050, "EUR"),
        "Two concert tickets",
        Metadata.of(Map.of("cartId", "c-19")),
        ReturnUrls.of("https://shop.example/pay/return", "https://shop.example/pay/cancel"),
        Duration.ofMinutes(15));
  }

  private Payment succeededPayment(String order) {
    orders++;
    Payment started =
        paykit
            .create()
            .create(
                new CreatePaymentCommand(
                    IdempotencyKey.derive("user-7", order, "attempt-" + orders), request(order)))
            .payment();
    deliver(provider.confirm(started.transactionId()));
    drainInbox();
    Payment paid = stores.payments().findById(started.id()).orElseThrow();
    assertThat(paid.state()).isEqualTo(PaymentState.SUCCEEDED);
    return paid;
  }

  /** The provider opens a dispute and its webhook is applied. */
  private Dispute open(Payment paid, long minor, DisputeReason reason) {
    SignedWebhook opened =
        provider.openDispute(paid.transactionId(), Money.of(minor, "EUR"), reason);
    deliver(opened);
    drainInbox();
    return stores.disputes().findById(latestDisputeOf(paid)).orElseThrow();
  }

  /** The payment's latest dispute at the provider. */
  private DisputeId latestDisputeOf(Payment paid) {
    List<ProviderDispute> disputes = provider.disputesOf(paid.transactionId());
    return disputes.get(disputes.size() - 1).disputeId();
  }

  private Dispute dispute(Dispute any) {
    return stores.disputes().findById(any.id()).orElseThrow();
  }

  private WebhookReceipt deliver(SignedWebhook webhook) {
    return paykit.receiveWebhook().receive(webhook.body(), webhook.headers());
  }

  /** Delivers the provider's latest webhook (the one its last change sent). */
  private void deliverLatest() {
    List<SignedWebhook> sent = provider.sentWebhooks();
    deliver(sent.get(sent.size() - 1));
  }

  private InboxRunReport drainInbox() {
    return paykit.inbox().processPending(100);
  }

  private void drainOutbox() {
    for (int pass = 0; pass < 100; pass++) {
      if (paykit.outbox().dispatchPending(100).claimed() == 0) {
        return;
      }
    }
    throw new AssertionError("the outbox still had due events after 100 passes");
  }

  private RefundResult refund(Payment paid, String key, long minor) {
    return paykit
        .refund()
        .refund(new RefundCommand(IdempotencyKey.of(key), paid.id(), Money.of(minor, "EUR"), null));
  }

  private RefundNotAllowedException assertRefundRefused(Payment paid, String key, long minor) {
    Throwable thrown =
        org.assertj.core.api.Assertions.catchThrowable(() -> refund(paid, key, minor));
    assertThat(thrown).isInstanceOf(RefundNotAllowedException.class);
    return (RefundNotAllowedException) thrown;
  }

  private static SubmitEvidenceCommand command(Dispute dispute, String key, Evidence evidence) {
    return new SubmitEvidenceCommand(dispute.id(), IdempotencyKey.of(key), evidence);
  }

  private static Evidence evidence(String text) {
    return new Evidence(
        "Delivered and signed for: " + text,
        List.of(
            new EvidenceDocument(
                "documents[0]", "receipt.pdf", text.getBytes(StandardCharsets.UTF_8))));
  }
}
