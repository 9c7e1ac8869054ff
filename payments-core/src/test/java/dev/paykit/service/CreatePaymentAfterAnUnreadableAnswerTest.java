package dev.paykit.service;

import static dev.paykit.service.CreatePaymentServiceTest.accepted;
import static dev.paykit.service.CreatePaymentServiceTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.paykit.adapter.inmemory.InMemoryStores;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.idempotency.IdempotencyRecord;
import dev.paykit.domain.idempotency.IdempotencyScope;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.in.CreatePaymentResult;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.Stores;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * A gateway that fails with an exception after sending (an answer it could not read, a bug in a
 * third-party gateway) must leave the payment as an unknown outcome: the provider may have acted,
 * so the payment is SUBMITTED and the next request with the key sends it again with that key.
 */
class CreatePaymentAfterAnUnreadableAnswerTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  private static final IdempotencyKey KEY = IdempotencyKey.of("key-unreadable-1");

  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final Stores stores = new InMemoryStores();
  private final PaymentStore payments = stores.payments();
  private final ProviderGateway gateway = mock(ProviderGateway.class);
  private final CreatePaymentService service =
      CreatePaymentServiceTest.createService(stores, gateway, clock);

  @Test
  void a_gateway_exception_leaves_the_payment_submitted_and_the_next_create_sends_it_again() {
    when(gateway.createPayment(any(), eq(KEY)))
        .thenThrow(new NumberFormatException("Error at index 9 in: \"99999999999\""))
        .thenReturn(accepted());

    CreatePaymentResult first = service.create(new CreatePaymentCommand(KEY, request()));

    assertThat(first).isInstanceOf(CreatePaymentResult.Pending.class);
    assertThat(first.payment().state()).isEqualTo(PaymentState.SUBMITTED);
    assertThat(first.payment().transactionId()).isNull();
    assertThat(payments.findById(first.payment().id()).orElseThrow().state())
        .isEqualTo(PaymentState.SUBMITTED);
    // Released, not completed: the next request with the key takes over at once.
    IdempotencyRecord key =
        stores.idempotencyKeys().find(IdempotencyScope.CREATE_PAYMENT, KEY).orElseThrow();
    assertThat(key.status()).isEqualTo(IdempotencyRecord.Status.IN_PROGRESS);
    assertThat(key.lockedUntil()).isEqualTo(NOW);

    CreatePaymentResult second = service.create(new CreatePaymentCommand(KEY, request()));

    assertThat(second).isInstanceOf(CreatePaymentResult.Started.class);
    assertThat(second.payment().id()).isEqualTo(first.payment().id());
    assertThat(second.payment().transactionId()).isEqualTo(new TransactionId("tx_1"));
    verify(gateway, times(2)).createPayment(any(), eq(KEY));
  }

  @Test
  void the_submitted_payment_records_why_without_the_exceptions_text() {
    when(gateway.createPayment(any(), eq(KEY)))
        .thenThrow(new IllegalStateException("answer body: {\"card\": \"4111 1111 1111 1111\"}"));

    CreatePaymentResult result = service.create(new CreatePaymentCommand(KEY, request()));

    String history = payments.history(result.payment().id()).toString();
    assertThat(history).contains("IllegalStateException").doesNotContain("4111");
  }
}
