package dev.paykit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.DeclineCode;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.FailureReason;
import dev.paykit.domain.payment.PaymentLifecycle;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.domain.refund.ProviderRefund;
import dev.paykit.domain.refund.RefundState;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.ProviderPaymentPage;
import dev.paykit.port.out.ProviderResult;
import dev.paykit.port.shared.ProviderError;
import dev.paykit.testkit.ProviderFaults.Call;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The executable contract of {@link ProviderGateway}: run it against your own gateway and your
 * provider's sandbox by extending it and implementing four methods, each called before every test.
 *
 * <ul>
 *   <li>{@link #gateway()}: the gateway under test, configured against the sandbox (for an HTTP
 *       gateway behind a {@link dev.paykit.testkit.http.FaultProxy}, with the proxy's address as
 *       the provider's). Keep its timeout short (a second or two): the fault tests wait for it.
 *   <li>{@link #control()}: moves a payment at the sandbox as a customer or issuer would (confirm,
 *       decline, cancel, expire), usually one call of the sandbox's simulation API.
 *   <li>{@link #faults()}: the {@link ProviderFaults} hooks: answers lost after the provider acted,
 *       refusals before it acted, 429 with {@code Retry-After}, 5xx, a body that trickles, and a
 *       count of the requests that reached the provider per idempotency key.
 *   <li>{@link #charges()}: what the sandbox actually created ({@link ProviderCharges}), read from
 *       its own records and never through the gateway.
 * </ul>
 *
 * <p>The behaving tests check every operation against a provider that answers. The fault tests
 * decide what matters for money: an answer lost after the provider acted must come back as {@code
 * Unknown} (never {@code Unavailable}, which tells the core it may send again as new), a refusal
 * before it acted as {@code Unavailable} (never {@code Unknown}, which leaves a payment {@code
 * SUBMITTED} for nothing), every retry must carry the caller's idempotency key, a 4xx must not be
 * retried, and the provider's own records must show exactly one charge, or none.
 *
 * <p>Every test uses order ids and idempotency keys of its own, so a provider shared by all tests
 * (and by earlier runs) needs no reset; tests arm faults one at a time, so do not run one class's
 * tests in parallel. Payments are EUR 10.50.
 */
public abstract class ProviderGatewayContract {
  private static final String REASON = "requested_by_customer";

  /** More attempts than any gateway makes: the fault holds for the whole call. */
  private static final int EVERY_ATTEMPT = 100;

  private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private ProviderGateway provider;
  private ProviderControl moves;
  private ProviderFaults faults;
  private ProviderCharges ledger;

  /** The gateway under test; called before every test. */
  protected abstract ProviderGateway gateway();

  /** Moves payments at the provider behind {@link #gateway()}; called before every test. */
  protected abstract ProviderControl control();

  /** Arms faults at (or in front of) the provider behind {@link #gateway()}. */
  protected abstract ProviderFaults faults();

  /** Reads what the provider behind {@link #gateway()} created, from its own records. */
  protected abstract ProviderCharges charges();

  /**
   * How long {@link ProviderFaults#slowBody} spreads a body over: the slow-body test fails if the
   * gateway is still waiting when half of it has passed, so make it more than twice the time all of
   * the gateway's attempts take together. The default suits attempts that add up to less than half
   * a minute.
   */
  protected Duration slowBodyTime() {
    return Duration.ofSeconds(60);
  }

  @BeforeEach
  final void connect() {
    provider = gateway();
    moves = control();
    faults = faults();
    ledger = charges();
  }

  @AfterEach
  final void disarm() {
    faults.clear();
  }

  @Test
  void create_answers_a_started_payment_that_echoes_the_request() {
    PaymentRequest request = request("create");

    ProviderResult.Success<ProviderPayment> created =
        success(provider.createPayment(request, key("create")));

    ProviderPayment payment = created.value();
    assertThat(created.replayed()).isFalse();
    assertThat(payment.transactionId()).isNotNull();
    assertThat(payment.status()).isEqualTo(ProviderStatus.STARTED);
    assertThat(payment.amount()).isEqualTo(request.amount());
    assertThat(payment.externalId()).isEqualTo(request.externalId());
    assertThat(payment.metadata()).isEqualTo(request.metadata());
    assertThat(payment.checkoutUrl()).isNotNull();
  }

  @Test
  void the_same_key_with_the_same_request_replays_the_same_payment() {
    PaymentRequest request = request("replay");
    ProviderPayment first = success(provider.createPayment(request, key("replay"))).value();

    ProviderResult.Success<ProviderPayment> again =
        success(provider.createPayment(request, key("replay")));

    assertThat(again.replayed()).isTrue();
    assertThat(again.value().transactionId()).isEqualTo(first.transactionId());
  }

  @Test
  void the_same_key_with_a_different_request_is_rejected_as_key_reuse() {
    provider.createPayment(request("reuse"), key("reuse"));
    PaymentRequest different =
        PaymentSamples.request(order("reuse").value(), Money.of(2_000, "EUR"));

    ProviderError error = rejection(provider.createPayment(different, key("reuse")));

    assertThat(error.kind()).isEqualTo(ProviderError.Kind.IDEMPOTENCY_KEY_REUSE);
  }

  @Test
  void a_new_payment_is_looked_up_as_started() {
    ProviderPayment created = createPayment("lookup");

    ProviderPayment found = success(provider.getPayment(created.transactionId())).value();

    assertThat(found.transactionId()).isEqualTo(created.transactionId());
    assertThat(found.status()).isEqualTo(ProviderStatus.STARTED);
    assertThat(found.amount()).isEqualTo(created.amount());
    assertThat(found.externalId()).isEqualTo(created.externalId());
  }

  @Test
  void the_gateway_declares_the_providers_key_memory() {
    assertThat(provider.facts()).isNotNull();
    assertThat(provider.facts().idempotencyKeyMemory()).isPositive();
  }

  @Test
  void a_confirmed_payment_is_looked_up_as_confirmed() {
    TransactionId tx = createPayment("confirm").transactionId();

    moves.confirm(tx);

    ProviderPayment found = success(provider.getPayment(tx)).value();
    assertThat(found.status()).isEqualTo(ProviderStatus.CONFIRMED);
    assertThat(localState(found)).isEqualTo(PaymentState.SUCCEEDED);
  }

  @Test
  void a_declined_payment_is_looked_up_as_declined_with_the_reason_and_decline_code() {
    TransactionId tx = createPayment("decline").transactionId();

    moves.decline(tx, DeclineCode.INSUFFICIENT_FUNDS);

    ProviderPayment found = success(provider.getPayment(tx)).value();
    assertThat(found.status()).isEqualTo(ProviderStatus.DECLINED);
    assertThat(found.failure()).isNotNull();
    assertThat(found.failure().reason()).isEqualTo(FailureReason.DECLINED);
    assertThat(found.failure().declineCode()).isEqualTo(DeclineCode.INSUFFICIENT_FUNDS);
    assertThat(localState(found)).isEqualTo(PaymentState.FAILED);
  }

  @Test
  void a_cancelled_payment_is_looked_up_as_cancelled_by_the_customer() {
    TransactionId tx = createPayment("cancel").transactionId();

    moves.cancel(tx);

    ProviderPayment found = success(provider.getPayment(tx)).value();
    assertThat(found.status()).isEqualTo(ProviderStatus.CANCELLED);
    assertThat(localState(found)).isEqualTo(PaymentState.CANCELLED);
  }

  @Test
  void an_expired_payment_is_looked_up_as_expired() {
    TransactionId tx = createPayment("expire").transactionId();

    moves.expire(tx);

    assertThat(success(provider.getPayment(tx)).value().status()).isEqualTo(ProviderStatus.EXPIRED);
  }

  @Test
  void looking_up_an_unknown_payment_is_rejected_as_not_found() {
    ProviderError error = rejection(provider.getPayment(new TransactionId("tx_unknown_" + run)));

    assertThat(error.kind()).isEqualTo(ProviderError.Kind.NOT_FOUND);
  }

  @Test
  void find_payments_lists_an_orders_payments_newest_first_page_by_page() {
    ExternalId order = order("listed");
    List<TransactionId> created = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      created.add(
          success(provider.createPayment(PaymentSamples.request(order.value()), key("listed-" + i)))
              .value()
              .transactionId());
    }

    ProviderPaymentPage first = success(provider.findPayments(order, null, 2)).value();
    assertThat(first.data()).hasSize(2);
    assertThat(first.next()).isPresent();
    ProviderPaymentPage rest = success(provider.findPayments(order, first.next().get(), 2)).value();

    assertThat(rest.data()).hasSize(1);
    assertThat(rest.next()).isEmpty();
    List<TransactionId> listed = new ArrayList<>();
    first.data().forEach(payment -> listed.add(payment.transactionId()));
    rest.data().forEach(payment -> listed.add(payment.transactionId()));
    assertThat(listed).containsExactly(created.get(2), created.get(1), created.get(0));
  }

  @Test
  void find_payments_of_an_order_without_payments_is_one_empty_page() {
    ProviderPaymentPage page = success(provider.findPayments(order("none"), null, 10)).value();

    assertThat(page.data()).isEmpty();
    assertThat(page.next()).isEmpty();
  }

  @Test
  void a_partial_refund_and_then_the_rest_are_accepted() {
    TransactionId tx = confirmedPayment("partial");

    ProviderRefund part =
        success(provider.createRefund(tx, eur(500), REASON, key("partial-r1"))).value();
    ProviderRefund rest =
        success(provider.createRefund(tx, eur(550), REASON, key("partial-r2"))).value();

    assertThat(part.transactionId()).isEqualTo(tx);
    assertThat(part.amount()).isEqualTo(eur(500));
    assertThat(part.status()).isIn(RefundState.PENDING, RefundState.SUCCEEDED);
    assertThat(rest.amount()).isEqualTo(eur(550));
    assertThat(rest.refundId()).isNotEqualTo(part.refundId());
  }

  @Test
  void a_full_refund_is_accepted() {
    TransactionId tx = confirmedPayment("full");

    ProviderRefund refund =
        success(provider.createRefund(tx, eur(1050), REASON, key("full-r1"))).value();

    assertThat(refund.transactionId()).isEqualTo(tx);
    assertThat(refund.amount()).isEqualTo(eur(1050));
    assertThat(refund.refundId()).isNotBlank();
  }

  @Test
  void a_refund_beyond_what_is_left_is_rejected_as_exceeding_the_payment() {
    TransactionId tx = confirmedPayment("exceed");
    ProviderError alone = rejection(provider.createRefund(tx, eur(1051), REASON, key("ex-r1")));
    success(provider.createRefund(tx, eur(500), REASON, key("ex-r2")));

    ProviderError afterPart = rejection(provider.createRefund(tx, eur(551), REASON, key("ex-r3")));

    assertThat(alone.kind()).isEqualTo(ProviderError.Kind.REFUND_EXCEEDS_PAYMENT);
    assertThat(afterPart.kind()).isEqualTo(ProviderError.Kind.REFUND_EXCEEDS_PAYMENT);
  }

  @Test
  void a_refund_of_an_unconfirmed_payment_is_rejected_as_not_refundable() {
    TransactionId tx = createPayment("unconfirmed").transactionId();

    ProviderError error = rejection(provider.createRefund(tx, eur(500), REASON, key("unc-r1")));

    assertThat(error.kind()).isEqualTo(ProviderError.Kind.NOT_REFUNDABLE);
  }

  @Test
  void a_refund_of_an_unknown_payment_is_rejected_as_not_found() {
    ProviderError error =
        rejection(
            provider.createRefund(
                new TransactionId("tx_unknown_" + run), eur(500), REASON, key("unk-r1")));

    assertThat(error.kind()).isEqualTo(ProviderError.Kind.NOT_FOUND);
  }

  @Test
  void the_same_refund_key_with_the_same_request_replays_the_refund() {
    TransactionId tx = confirmedPayment("refund-replay");
    ProviderRefund first =
        success(provider.createRefund(tx, eur(500), REASON, key("rr-r1"))).value();

    ProviderResult.Success<ProviderRefund> again =
        success(provider.createRefund(tx, eur(500), REASON, key("rr-r1")));

    assertThat(again.replayed()).isTrue();
    assertThat(again.value().refundId()).isEqualTo(first.refundId());
  }

  @Test
  void the_same_refund_key_with_a_different_request_is_rejected_as_key_reuse() {
    TransactionId tx = confirmedPayment("refund-reuse");
    success(provider.createRefund(tx, eur(500), REASON, key("ru-r1")));

    ProviderError error = rejection(provider.createRefund(tx, eur(400), REASON, key("ru-r1")));

    assertThat(error.kind()).isEqualTo(ProviderError.Kind.IDEMPOTENCY_KEY_REUSE);
  }

  @Test
  void get_refund_answers_the_refund() {
    TransactionId tx = confirmedPayment("get-refund");
    ProviderRefund created =
        success(provider.createRefund(tx, eur(300), REASON, key("gr-r1"))).value();

    ProviderRefund found = success(provider.getRefund(created.refundId())).value();

    assertThat(found.refundId()).isEqualTo(created.refundId());
    assertThat(found.transactionId()).isEqualTo(tx);
    assertThat(found.amount()).isEqualTo(eur(300));
  }

  @Test
  void get_refund_of_an_unknown_refund_is_rejected_as_not_found() {
    ProviderError error = rejection(provider.getRefund("rf_unknown_" + run));

    assertThat(error.kind()).isEqualTo(ProviderError.Kind.NOT_FOUND);
  }

  // What a fault means for money: did the provider act, and does the gateway say so?

  @Test
  void an_answer_lost_after_the_provider_acted_is_unknown_and_charged_once() {
    faults.dropAnswerAfterActing(Call.CREATE_PAYMENT, EVERY_ATTEMPT);

    ProviderResult<ProviderPayment> result = provider.createPayment(request("lost"), key("lost"));

    assertMayHaveActed(result);
    assertThat(ledger.paymentsCreated(order("lost"))).as("payments the provider created").isOne();
  }

  @Test
  void a_payment_whose_answer_was_lost_is_found_with_the_same_key_and_still_charged_once() {
    faults.dropAnswerAfterActing(Call.CREATE_PAYMENT, EVERY_ATTEMPT);
    provider.createPayment(request("found"), key("found"));
    faults.clear();

    ProviderResult.Success<ProviderPayment> again =
        success(provider.createPayment(request("found"), key("found")));

    assertThat(again.replayed()).as("replayed").isTrue();
    assertThat(again.value().externalId()).isEqualTo(order("found"));
    assertThat(ledger.paymentsCreated(order("found"))).as("payments the provider created").isOne();
  }

  @Test
  void a_connection_closed_after_the_provider_acted_is_unknown_and_charged_once() {
    faults.closeAfterActing(Call.CREATE_PAYMENT, EVERY_ATTEMPT);

    ProviderResult<ProviderPayment> result =
        provider.createPayment(request("closed"), key("closed"));

    assertMayHaveActed(result);
    assertThat(ledger.paymentsCreated(order("closed"))).as("payments the provider created").isOne();
  }

  @Test
  void a_body_that_trickles_in_after_the_provider_acted_is_unknown_before_it_ends() {
    Duration bodyTime = slowBodyTime();
    faults.slowBody(Call.CREATE_PAYMENT, EVERY_ATTEMPT, bodyTime);

    ProviderResult<ProviderPayment> result =
        assertTimeoutPreemptively(
            bodyTime.dividedBy(2),
            () -> provider.createPayment(request("slow"), key("slow")),
            "the gateway waited for the whole of a body that trickles in; bound the whole exchange");

    assertMayHaveActed(result);
    assertThat(ledger.paymentsCreated(order("slow"))).as("payments the provider created").isOne();
  }

  @Test
  void an_answer_lost_then_refusals_is_still_unknown_because_the_first_attempt_acted() {
    faults.dropAnswerAfterActing(Call.CREATE_PAYMENT, 1);
    faults.refuseBeforeActing(Call.CREATE_PAYMENT, EVERY_ATTEMPT);

    ProviderResult<ProviderPayment> result =
        provider.createPayment(request("lost-then-refused"), key("lost-then-refused"));

    assertMayHaveActed(result);
    assertThat(ledger.paymentsCreated(order("lost-then-refused")))
        .as("payments the provider created")
        .isOne();
  }

  @Test
  void a_refusal_before_acting_on_every_attempt_is_unavailable_and_charges_nothing() {
    faults.refuseBeforeActing(Call.CREATE_PAYMENT, EVERY_ATTEMPT);

    ProviderResult<ProviderPayment> result =
        provider.createPayment(request("refused"), key("refused"));

    assertDidNotAct(result);
    assertThat(ledger.paymentsCreated(order("refused")))
        .as("payments the provider created")
        .isZero();
  }

  @Test
  void a_payment_refused_before_acting_is_created_later_with_the_same_key_as_new() {
    faults.refuseBeforeActing(Call.CREATE_PAYMENT, EVERY_ATTEMPT);
    provider.createPayment(request("refused-later"), key("refused-later"));
    faults.clear();

    ProviderResult.Success<ProviderPayment> later =
        success(provider.createPayment(request("refused-later"), key("refused-later")));

    assertThat(later.replayed()).as("replayed").isFalse();
    assertThat(ledger.paymentsCreated(order("refused-later")))
        .as("payments the provider created")
        .isOne();
  }

  @Test
  void a_rate_limit_on_every_attempt_is_unavailable_and_charges_nothing() {
    faults.rateLimit(Call.CREATE_PAYMENT, EVERY_ATTEMPT, RETRY_AFTER);

    ProviderResult<ProviderPayment> result =
        provider.createPayment(request("limited"), key("limited"));

    assertDidNotAct(result);
    assertThat(ledger.paymentsCreated(order("limited")))
        .as("payments the provider created")
        .isZero();
  }

  @Test
  void a_server_error_on_every_attempt_is_no_success_and_charges_nothing() {
    faults.serverError(Call.CREATE_PAYMENT, EVERY_ATTEMPT, 500);

    ProviderResult<ProviderPayment> result =
        provider.createPayment(request("broken"), key("broken"));

    // Whether a 500 can come after acting is the provider's to say: either answer is honest.
    assertThat(result)
        .isInstanceOfAny(ProviderResult.Unavailable.class, ProviderResult.Unknown.class);
    assertThat(ledger.paymentsCreated(order("broken")))
        .as("payments the provider created")
        .isZero();
  }

  // Retries: the same key every time, only what may succeed the next time.

  @Test
  void a_refusal_once_is_retried_with_the_same_key_and_charged_once() {
    faults.refuseBeforeActing(Call.CREATE_PAYMENT, 1);

    ProviderResult.Success<ProviderPayment> created =
        success(provider.createPayment(request("refused-once"), key("refused-once")));

    assertThat(created.replayed()).as("replayed").isFalse();
    assertSentWithTheSameKey(Call.CREATE_PAYMENT, key("refused-once"), 2);
    assertThat(ledger.paymentsCreated(order("refused-once")))
        .as("payments the provider created")
        .isOne();
  }

  @Test
  void an_answer_lost_once_is_retried_with_the_same_key_and_replayed() {
    faults.dropAnswerAfterActing(Call.CREATE_PAYMENT, 1);

    ProviderResult.Success<ProviderPayment> created =
        success(provider.createPayment(request("lost-once"), key("lost-once")));

    assertThat(created.replayed()).as("replayed: the first attempt had created it").isTrue();
    assertSentWithTheSameKey(Call.CREATE_PAYMENT, key("lost-once"), 2);
    assertThat(ledger.paymentsCreated(order("lost-once")))
        .as("payments the provider created")
        .isOne();
  }

  @Test
  void a_server_error_once_is_retried_with_the_same_key_and_charged_once() {
    faults.serverError(Call.CREATE_PAYMENT, 1, 502);

    success(provider.createPayment(request("error-once"), key("error-once")));

    assertSentWithTheSameKey(Call.CREATE_PAYMENT, key("error-once"), 2);
    assertThat(ledger.paymentsCreated(order("error-once")))
        .as("payments the provider created")
        .isOne();
  }

  @Test
  void a_rate_limit_is_retried_no_sooner_than_retry_after_with_the_same_key() {
    faults.rateLimit(Call.CREATE_PAYMENT, 1, RETRY_AFTER);

    long start = System.nanoTime();
    success(provider.createPayment(request("limited-once"), key("limited-once")));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).as("time to the answer").isGreaterThanOrEqualTo(RETRY_AFTER.minusMillis(50));
    assertSentWithTheSameKey(Call.CREATE_PAYMENT, key("limited-once"), 2);
    assertThat(ledger.paymentsCreated(order("limited-once")))
        .as("payments the provider created")
        .isOne();
  }

  @Test
  void a_key_reuse_refusal_is_final_and_sent_once() {
    success(provider.createPayment(request("reuse-once"), key("reuse-once")));
    PaymentRequest different =
        PaymentSamples.request(order("reuse-once").value(), Money.of(2_000, "EUR"));

    ProviderError error = rejection(provider.createPayment(different, key("reuse-once")));

    assertThat(error.kind()).isEqualTo(ProviderError.Kind.IDEMPOTENCY_KEY_REUSE);
    assertSentWithTheSameKey(Call.CREATE_PAYMENT, key("reuse-once"), 2);
    assertThat(ledger.paymentsCreated(order("reuse-once")))
        .as("payments the provider created")
        .isOne();
  }

  @Test
  void a_refund_refused_as_exceeding_the_payment_is_final_and_sent_once() {
    TransactionId tx = confirmedPayment("exceed-once");

    rejection(provider.createRefund(tx, eur(1051), REASON, key("exceed-once-r1")));

    assertSentWithTheSameKey(Call.CREATE_REFUND, key("exceed-once-r1"), 1);
    assertThat(ledger.refundsCreated(tx)).as("refunds the provider created").isZero();
  }

  @Test
  void a_refund_of_an_unconfirmed_payment_is_final_and_sent_once() {
    TransactionId tx = createPayment("unconfirmed-once").transactionId();

    rejection(provider.createRefund(tx, eur(500), REASON, key("unconfirmed-once-r1")));

    assertSentWithTheSameKey(Call.CREATE_REFUND, key("unconfirmed-once-r1"), 1);
    assertThat(ledger.refundsCreated(tx)).as("refunds the provider created").isZero();
  }

  // The same for refunds: money goes the other way, the distinction is the same.

  @Test
  void a_refund_whose_answer_was_lost_is_unknown_and_refunded_once() {
    TransactionId tx = confirmedPayment("refund-lost");
    faults.dropAnswerAfterActing(Call.CREATE_REFUND, EVERY_ATTEMPT);

    ProviderResult<ProviderRefund> result =
        provider.createRefund(tx, eur(500), REASON, key("refund-lost-r1"));

    assertMayHaveActed(result);
    assertThat(ledger.refundsCreated(tx)).as("refunds the provider created").isOne();
    faults.clear();
    ProviderResult.Success<ProviderRefund> again =
        success(provider.createRefund(tx, eur(500), REASON, key("refund-lost-r1")));
    assertThat(again.replayed()).as("replayed").isTrue();
    assertThat(ledger.refundsCreated(tx)).as("refunds the provider created").isOne();
  }

  @Test
  void a_refund_refused_before_acting_is_unavailable_and_refunds_nothing() {
    TransactionId tx = confirmedPayment("refund-refused");
    faults.refuseBeforeActing(Call.CREATE_REFUND, EVERY_ATTEMPT);

    ProviderResult<ProviderRefund> result =
        provider.createRefund(tx, eur(500), REASON, key("refund-refused-r1"));

    assertDidNotAct(result);
    assertThat(ledger.refundsCreated(tx)).as("refunds the provider created").isZero();
  }

  @Test
  void a_refund_whose_answer_was_lost_once_is_retried_with_the_same_key_and_refunded_once() {
    TransactionId tx = confirmedPayment("refund-lost-once");
    faults.closeAfterActing(Call.CREATE_REFUND, 1);

    ProviderResult.Success<ProviderRefund> refund =
        success(provider.createRefund(tx, eur(500), REASON, key("refund-lost-once-r1")));

    assertThat(refund.replayed()).as("replayed: the first attempt had created it").isTrue();
    assertSentWithTheSameKey(Call.CREATE_REFUND, key("refund-lost-once-r1"), 2);
    assertThat(ledger.refundsCreated(tx)).as("refunds the provider created").isOne();
  }

  private void assertSentWithTheSameKey(Call call, IdempotencyKey key, int attempts) {
    assertThat(faults.attempts(call, key))
        .as(
            "requests that reached the provider with the caller's key %s (a retry with another key,"
                + " or a retried 4xx, changes this count)",
            key.value())
        .isEqualTo(attempts);
  }

  /** The provider may have acted: the caller must keep the payment open and ask again. */
  private static void assertMayHaveActed(ProviderResult<?> result) {
    assertThat(result)
        .as(
            "the provider acted but its answer was lost: the gateway must say Unknown (may have"
                + " acted), not Unavailable (did not act)")
        .isInstanceOf(ProviderResult.Unknown.class);
  }

  /** The provider certainly did not act: the caller may queue the payment and send it later. */
  private static void assertDidNotAct(ProviderResult<?> result) {
    assertThat(result)
        .as(
            "the provider refused before acting: the gateway must say Unavailable (did not act),"
                + " not Unknown (may have acted)")
        .isInstanceOf(ProviderResult.Unavailable.class);
  }

  private ProviderPayment createPayment(String name) {
    return success(provider.createPayment(request(name), key(name))).value();
  }

  private TransactionId confirmedPayment(String name) {
    TransactionId tx = createPayment(name).transactionId();
    moves.confirm(tx);
    return tx;
  }

  private PaymentRequest request(String name) {
    return PaymentSamples.request(order(name).value());
  }

  private ExternalId order(String name) {
    return new ExternalId("order-" + run + "-" + name);
  }

  private IdempotencyKey key(String name) {
    return IdempotencyKey.of("contract-" + run + "-" + name);
  }

  private static Money eur(long minorUnits) {
    return Money.of(minorUnits, "EUR");
  }

  private static PaymentState localState(ProviderPayment payment) {
    return PaymentLifecycle.localStateOf(payment.status(), payment.failure());
  }

  /** Asserts a success that carries the provider's request id. */
  private static <T> ProviderResult.Success<T> success(ProviderResult<T> result) {
    assertThat(result).isInstanceOf(ProviderResult.Success.class);
    ProviderResult.Success<T> success = (ProviderResult.Success<T>) result;
    assertThat(success.requestId()).as("request id of a success").isNotBlank();
    return success;
  }

  private static ProviderError rejection(ProviderResult<?> result) {
    assertThat(result).isInstanceOf(ProviderResult.Rejected.class);
    return ((ProviderResult.Rejected<?>) result).error();
  }
}
