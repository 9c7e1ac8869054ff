package dev.paykit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
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
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.payment.ReturnUrls;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.in.CreatePaymentResult;
import dev.paykit.port.in.RequestInProgressException;
import dev.paykit.port.out.IdempotencyStore;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.ProviderResult;
import dev.paykit.port.out.StoreConflictException;
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
 * over abandoned work, losing a race, and the provider answers that must not fail a payment.
 */
class CreatePaymentServiceTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  private static final IdempotencyKey KEY = IdempotencyKey.of("key-1");

  private final PaymentStore payments = mock(PaymentStore.class);
  private final IdempotencyStore keys = mock(IdempotencyStore.class);
  private final ProviderGateway gateway = mock(ProviderGateway.class);
  private final CreatePaymentService service =
      new CreatePaymentService(
          payments,
          keys,
          gateway,
          PaykitObserver.noop(),
          PaykitSettings.defaults(),
          Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void an_amount_below_the_minimum_is_refused_before_anything_is_stored() {
    PaymentRequest tooSmall =
        new PaymentRequest(new ExternalId("o-1"), Money.of(49, "EUR"), null, null, urls(), null);

    assertThatThrownBy(() -> service.create(new CreatePaymentCommand(KEY, tooSmall)))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("amount.value"))
        .satisfies(e -> assertThat(((ValidationException) e).rule()).isEqualTo("below_minimum"));
    verifyNoInteractions(payments, keys, gateway);
  }

  @Test
  void a_key_held_by_a_live_request_is_in_progress_and_nothing_is_sent() {
    IdempotencyRecord held = heldRecord(new PaymentId("pay_1"), NOW.plusSeconds(30));
    when(keys.reserve(any(), any())).thenReturn(new IdempotencyStore.Reservation.Existing(held));

    assertThatThrownBy(() -> service.create(new CreatePaymentCommand(KEY, request())))
        .isInstanceOf(RequestInProgressException.class);
    verifyNoInteractions(gateway);
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
  }

  @Test
  void a_crash_before_the_payment_was_recorded_records_it_under_the_reserved_id() {
    PaymentId reserved = new PaymentId("pay_reserved");
    when(keys.reserve(any(), any()))
        .thenReturn(
            new IdempotencyStore.Reservation.Existing(heldRecord(reserved, NOW.minusSeconds(1))));
    when(keys.takeOver(any(), any(), any(), any())).thenReturn(true);
    when(payments.findById(reserved)).thenReturn(Optional.empty());
    when(gateway.createPayment(request(), KEY))
        .thenReturn(new ProviderResult.Unavailable<>("down"));

    CreatePaymentResult result = service.create(new CreatePaymentCommand(KEY, request()));

    assertThat(result).isInstanceOf(CreatePaymentResult.Queued.class);
    assertThat(result.payment().id()).isEqualTo(reserved);
    verify(payments).insert(any());
  }

  @Test
  void losing_the_insert_race_for_an_order_answers_the_payment_that_won() {
    Payment winner =
        Payment.create(new PaymentId("pay_winner"), IdempotencyKey.of("other"), request(), NOW);
    when(keys.reserve(any(), any()))
        .thenAnswer(i -> new IdempotencyStore.Reservation.Reserved(i.getArgument(0)));
    when(payments.findByExternalId(new ExternalId("o-1"))).thenReturn(List.of(), List.of(winner));
    org.mockito.Mockito.doThrow(
            new StoreConflictException(
                StoreConflictException.Kind.ACTIVE_PAYMENT_FOR_ORDER, "taken"))
        .when(payments)
        .insert(any());

    CreatePaymentResult result = service.create(new CreatePaymentCommand(KEY, request()));

    assertThat(result).isInstanceOf(CreatePaymentResult.ActivePaymentExists.class);
    assertThat(result.payment().id()).isEqualTo(winner.id());
    verifyNoInteractions(gateway);
    verify(keys).release(IdempotencyScope.CREATE_PAYMENT, KEY, NOW);
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
  }

  @Test
  void a_key_in_use_at_the_provider_leaves_the_payment_submitted() {
    when(keys.reserve(any(), any()))
        .thenAnswer(i -> new IdempotencyStore.Reservation.Reserved(i.getArgument(0)));
    when(payments.findById(any()))
        .thenAnswer(i -> Optional.of(Payment.create(i.getArgument(0), KEY, request(), NOW)));
    when(payments.update(any(), anyLong())).thenReturn(true);
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
