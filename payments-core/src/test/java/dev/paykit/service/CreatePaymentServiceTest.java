package dev.paykit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.paykit.domain.ValidationException;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.idempotency.IdempotencyRecord;
import dev.paykit.domain.idempotency.IdempotencyScope;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ProviderName;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.payment.ReturnUrls;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.in.CreatePaymentResult;
import dev.paykit.port.in.RequestInProgressException;
import dev.paykit.port.out.DisputeStore;
import dev.paykit.port.out.IdempotencyStore;
import dev.paykit.port.out.Outbox;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.ProviderGateways;
import dev.paykit.port.out.ProviderResult;
import dev.paykit.port.out.ProviderRouting;
import dev.paykit.port.out.RefundStore;
import dev.paykit.port.out.StoreConflictException;
import dev.paykit.port.out.Stores;
import dev.paykit.port.out.SubscriptionStore;
import dev.paykit.port.out.WebhookInbox;
import dev.paykit.port.out.WebhookParser;
import dev.paykit.port.out.WebhookVerifier;
import dev.paykit.port.shared.ProviderError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The create service's paths that the end-to-end flows reach only by luck or by a crash: taking
 * over abandoned work, losing a race, and the provider answers that must not fail a payment. The
 * stores are mocks under a unit of work that only notes its phases: what a phase holds, and which
 * phases failed (and so would be undone by real stores), is what these tests check. The recording
 * runs {@code PaymentStore.write}, a default method, as the interface defines it, so stubbing the
 * mock's {@code update} is what makes a write succeed.
 */
class CreatePaymentServiceTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  private static final IdempotencyKey KEY = IdempotencyKey.of("key-1");

  private final PaymentStore payments = mock(PaymentStore.class);
  private final IdempotencyStore keys = mock(IdempotencyStore.class);
  private final ProviderGateway gateway = mock(ProviderGateway.class);
  private final RecordingStores stores =
      new RecordingStores(
          new StoresOf(
              payments,
              keys,
              mock(WebhookInbox.class),
              mock(RefundStore.class),
              mock(DisputeStore.class),
              mock(SubscriptionStore.class),
              mock(Outbox.class),
              StoresOf.passThrough()));
  private final CreatePaymentService service =
      createService(stores, gateway, Clock.fixed(NOW, ZoneOffset.UTC));

  /** The create service wired as {@link PaykitCore} wires it, with the default settings. */
  static CreatePaymentService createService(Stores stores, ProviderGateway gateway, Clock clock) {
    PaykitObserver observer = PaykitObserver.noop();
    PaykitSettings settings = PaykitSettings.defaults();
    KeyedRequests requests = new KeyedRequests(stores, observer, settings, clock);
    OptimisticWriter writer = new OptimisticWriter(stores, observer, clock);
    ProviderChoice providers =
        new ProviderChoice(
            ProviderGateways.single(
                gateway, mock(WebhookVerifier.class), mock(WebhookParser.class)),
            ProviderRouting.only(ProviderName.DEFAULT),
            stores);
    return new CreatePaymentService(
        stores,
        requests,
        providers,
        new PaymentSubmitter(providers, stores, requests, writer, observer, clock),
        observer,
        settings,
        clock);
  }

  @Test
  void an_amount_below_the_minimum_is_refused_before_anything_is_stored() {
    PaymentRequest tooSmall =
        new PaymentRequest(new ExternalId("o-1"), Money.of(49, "EUR"), null, null, urls(), null);

    assertThatThrownBy(() -> service.create(new CreatePaymentCommand(KEY, tooSmall)))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("amount.value"))
        .satisfies(e -> assertThat(((ValidationException) e).rule()).isEqualTo("below_minimum"));
    verifyNoInteractions(payments, keys, gateway);
    assertThat(stores.phases()).isZero();
  }

  @Test
  void the_key_the_payment_and_its_event_are_one_phase_and_the_answer_and_the_settlement_another() {
    when(keys.reserve(any(), any()))
        .thenAnswer(i -> new IdempotencyStore.Reservation.Reserved(i.getArgument(0)));
    when(payments.update(any(), eq(0L))).thenReturn(true);
    when(gateway.createPayment(request(), KEY)).thenReturn(accepted());

    CreatePaymentResult result = service.create(new CreatePaymentCommand(KEY, request()));

    assertThat(result).isInstanceOf(CreatePaymentResult.Started.class);
    assertThat(stores.trace())
        .containsExactly(
            "1 keys.reserve",
            "1 payments.insert",
            "1 outbox.append",
            "2 payments.update",
            "2 outbox.append",
            "2 keys.complete");
    assertThat(stores.appended()).containsExactly("1 payment.created", "2 payment.started");
    assertThat(stores.undone()).isEmpty();
    verify(keys).complete(IdempotencyScope.CREATE_PAYMENT, KEY, result.payment().id().value());
  }

  @Test
  void a_key_held_by_a_live_request_is_in_progress_and_nothing_is_sent() {
    IdempotencyRecord held = heldRecord(new PaymentId("pay_1"), NOW.plusSeconds(30));
    when(keys.reserve(any(), any())).thenReturn(new IdempotencyStore.Reservation.Existing(held));

    assertThatThrownBy(() -> service.create(new CreatePaymentCommand(KEY, request())))
        .isInstanceOf(RequestInProgressException.class);
    verifyNoInteractions(gateway);
    verify(payments, never()).insert(any());
    verify(keys, never()).takeOver(any(), any(), any(), any());
  }

  @Test
  void an_abandoned_key_is_taken_over_and_its_payment_sent_again_with_the_same_key() {
    Payment abandoned =
        Payment.create(new PaymentId("pay_1"), KEY, request(), NOW.minusSeconds(120));
    when(keys.reserve(any(), any()))
        .thenReturn(
            new IdempotencyStore.Reservation.Existing(
                heldRecord(abandoned.id(), NOW.minusSeconds(1))));
    when(keys.takeOver(eq(IdempotencyScope.CREATE_PAYMENT), eq(KEY), eq(NOW), any()))
        .thenReturn(true);
    when(payments.findById(abandoned.id())).thenReturn(Optional.of(abandoned));
    when(payments.update(any(), anyLong())).thenReturn(true);
    when(gateway.createPayment(request(), KEY)).thenReturn(accepted());

    CreatePaymentResult result = service.create(new CreatePaymentCommand(KEY, request()));

    assertThat(result).isInstanceOf(CreatePaymentResult.Started.class);
    assertThat(result.payment().id()).isEqualTo(abandoned.id());
    verify(payments, never()).insert(any());
    verify(keys).complete(IdempotencyScope.CREATE_PAYMENT, KEY, "pay_1");
    assertThat(stores.trace())
        .containsExactly(
            "1 keys.reserve",
            "1 keys.takeOver",
            "- payments.findById",
            "2 payments.update",
            "2 outbox.append",
            "2 keys.complete");
    // The payment was created by the holder that gave up, and its event with it: not again.
    assertThat(stores.appended()).containsExactly("2 payment.started");
  }

  @Test
  void a_key_that_stands_for_a_payment_not_stored_is_an_error_and_nothing_is_sent() {
    // Reserving the key and recording the payment are one phase, so no crash leaves this behind:
    // it is a store that lost the payment, and sending anything could charge for nothing stored.
    PaymentId reserved = new PaymentId("pay_reserved");
    when(keys.reserve(any(), any()))
        .thenReturn(
            new IdempotencyStore.Reservation.Existing(heldRecord(reserved, NOW.minusSeconds(1))));
    when(keys.takeOver(any(), any(), any(), any())).thenReturn(true);
    when(payments.findById(reserved)).thenReturn(Optional.empty());

    assertThatThrownBy(() -> service.create(new CreatePaymentCommand(KEY, request())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("pay_reserved");
    verifyNoInteractions(gateway);
    verify(payments, never()).insert(any());
  }

  @Test
  void losing_the_insert_race_for_an_order_answers_the_payment_that_won() {
    Payment winner =
        Payment.create(new PaymentId("pay_winner"), IdempotencyKey.of("other"), request(), NOW);
    when(keys.reserve(any(), any()))
        .thenAnswer(i -> new IdempotencyStore.Reservation.Reserved(i.getArgument(0)));
    when(payments.findByExternalId(new ExternalId("o-1"))).thenReturn(List.of(), List.of(winner));
    doThrow(
            new StoreConflictException(
                StoreConflictException.Kind.ACTIVE_PAYMENT_FOR_ORDER, "taken"))
        .when(payments)
        .insert(any());

    CreatePaymentResult result = service.create(new CreatePaymentCommand(KEY, request()));

    assertThat(result).isInstanceOf(CreatePaymentResult.ActivePaymentExists.class);
    assertThat(result.payment().id()).isEqualTo(winner.id());
    verifyNoInteractions(gateway);
    // The first try found the order's payment gone by the time it looked, so it tried again. Both
    // reservations were made in the phase the refused insert failed, which undoes them with it.
    assertThat(stores.calls())
        .filteredOn(call -> call.method().equals("reserve"))
        .extracting(RecordingStores.Call::phase)
        .containsExactly(1, 2);
    assertThat(stores.undone()).containsExactlyInAnyOrder(1, 2);
    // The refused insert throws before the event is appended; the phase is undone either way.
    assertThat(stores.appended()).isEmpty();
    verify(keys, never()).complete(any(), any(), any());
  }

  @Test
  void refused_credentials_queue_the_payment_instead_of_failing_it() {
    when(keys.reserve(any(), any()))
        .thenAnswer(i -> new IdempotencyStore.Reservation.Reserved(i.getArgument(0)));
    when(gateway.createPayment(request(), KEY))
        .thenReturn(
            new ProviderResult.Rejected<>(
                new ProviderError(
                    ProviderError.Kind.AUTHENTICATION, "invalid_client", "no", null, null),
                "req_1"));

    CreatePaymentResult result = service.create(new CreatePaymentCommand(KEY, request()));

    assertThat(result).isInstanceOf(CreatePaymentResult.Queued.class);
    assertThat(result.payment().state()).isEqualTo(PaymentState.CREATED);
    verify(keys, never()).complete(any(), any(), any());
    verify(keys).release(IdempotencyScope.CREATE_PAYMENT, KEY, NOW);
    verify(payments, never()).update(any(), anyLong());
    assertThat(stores.trace()).endsWith("2 keys.release");
  }

  @Test
  void a_key_in_use_at_the_provider_leaves_the_payment_submitted() {
    when(keys.reserve(any(), any()))
        .thenAnswer(i -> new IdempotencyStore.Reservation.Reserved(i.getArgument(0)));
    when(payments.update(any(), eq(0L))).thenReturn(true);
    when(gateway.createPayment(request(), KEY))
        .thenReturn(
            new ProviderResult.Rejected<>(
                new ProviderError(
                    ProviderError.Kind.IDEMPOTENCY_KEY_IN_USE,
                    "idempotency_key_in_use",
                    "busy",
                    null,
                    null),
                "req_2"));

    CreatePaymentResult result = service.create(new CreatePaymentCommand(KEY, request()));

    assertThat(result).isInstanceOf(CreatePaymentResult.Pending.class);
    assertThat(result.payment().state()).isEqualTo(PaymentState.SUBMITTED);
    verify(keys, never()).complete(any(), any(), any());
    // A payment sent but not answered is Paykit's bookkeeping: the shop hears of it once started.
    assertThat(stores.trace())
        .containsExactly(
            "1 keys.reserve",
            "1 payments.insert",
            "1 outbox.append",
            "2 payments.update",
            "2 keys.release");
    assertThat(stores.appended()).containsExactly("1 payment.created");
  }

  private static IdempotencyRecord heldRecord(PaymentId id, Instant lockedUntil) {
    return new IdempotencyRecord(
        IdempotencyScope.CREATE_PAYMENT,
        KEY,
        request().fingerprint(),
        IdempotencyRecord.Status.IN_PROGRESS,
        id.value(),
        lockedUntil,
        NOW.plus(Duration.ofHours(23)),
        NOW.minusSeconds(300));
  }

  static ProviderResult<ProviderPayment> accepted() {
    return new ProviderResult.Success<>(
        new ProviderPayment(
            new TransactionId("tx_1"),
            ProviderStatus.STARTED,
            Money.of(1050, "EUR"),
            new ExternalId("o-1"),
            null,
            java.net.URI.create("https://provider.example/checkout/tx_1"),
            null,
            NOW,
            NOW,
            NOW.plusSeconds(900)),
        "req_1",
        false);
  }

  static PaymentRequest request() {
    return new PaymentRequest(
        new ExternalId("o-1"), Money.of(1050, "EUR"), null, null, urls(), null);
  }

  private static ReturnUrls urls() {
    return ReturnUrls.of("https://shop.example/ok", "https://shop.example/cancel");
  }
}
