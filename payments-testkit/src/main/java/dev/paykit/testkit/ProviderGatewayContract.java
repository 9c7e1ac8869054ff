package dev.paykit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The executable contract of {@link ProviderGateway}, run against a provider that behaves: the fake
 * provider, or a real HTTP sandbox. Every test uses order ids and idempotency keys of its own, so a
 * provider shared by all tests (and by earlier runs) needs no reset. Payments are EUR 10.50.
 */
public abstract class ProviderGatewayContract {
  private static final String REASON = "requested_by_customer";

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private ProviderGateway provider;
  private ProviderControl moves;

  /** The gateway under test; called before every test. */
  protected abstract ProviderGateway gateway();

  /** Moves payments at the provider behind {@link #gateway()}; called before every test. */
  protected abstract ProviderControl control();

  @BeforeEach
  final void connect() {
    provider = gateway();
    moves = control();
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
  void a_confirmed_payment_is_looked_up_as_confirmed() {
    TransactionId tx = createPayment("confirm").transactionId();

    moves.confirm(tx);

    ProviderPayment found = success(provider.getPayment(tx)).value();
    assertThat(found.status()).isEqualTo(ProviderStatus.CONFIRMED);
    assertThat(localState(found)).isEqualTo(PaymentState.SUCCEEDED);
  }

  @Test
  void a_declined_payment_is_looked_up_as_cancelled_with_the_reason_and_decline_code() {
    TransactionId tx = createPayment("decline").transactionId();

    moves.decline(tx, DeclineCode.INSUFFICIENT_FUNDS);

    ProviderPayment found = success(provider.getPayment(tx)).value();
    assertThat(found.status()).isEqualTo(ProviderStatus.CANCELLED);
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
