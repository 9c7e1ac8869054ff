package dev.paykit.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.StoreConflictException;
import dev.paykit.testkit.PaymentSamples;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresStoreDetailsTest extends StoreDetailsContract {
  @RegisterExtension static final TestDatabase database = TestDatabase.postgres();

  private static final IdempotencyKey KEY = IdempotencyKey.of("sk_live_key_7Hq2ExampleSecretValue");
  private static final Instant AT = Instant.parse("2026-03-02T09:15:30Z");

  @Override
  protected TestDatabase database() {
    return database;
  }

  @Test
  void a_refused_idempotency_key_is_named_by_its_constraint_and_not_quoted() {
    PaymentStore payments = database.first(PaymentStore.class);
    payments.insert(Payment.create(new PaymentId("pay_1"), KEY, PaymentSamples.request("o-1"), AT));
    Payment clash = Payment.create(new PaymentId("pay_2"), KEY, PaymentSamples.request("o-2"), AT);

    Throwable failure = catchThrowable(() -> payments.insert(clash));

    assertThat(failure).isInstanceOf(StoreConflictException.class);
    assertThat(StoreDetailsContract.printed(failure))
        .contains("payments_idempotency_key_uq")
        .doesNotContain(KEY.value());
    assertThat(payments.findById(clash.id())).isEmpty();
  }

  @Test
  void the_drivers_own_message_on_the_stores_pool_does_not_quote_the_key_it_refused() {
    // PostgreSQL's detail line ("Key (idempotency_key)=(...) already exists") is what the pool's
    // logServerErrorDetail=false keeps out of the driver's message. The stores never run into a
    // unique violation of their own (they insert with ON CONFLICT DO NOTHING), so the statement
    // here makes one without binding the key.
    PaymentStore payments = database.first(PaymentStore.class);
    payments.insert(Payment.create(new PaymentId("pay_1"), KEY, PaymentSamples.request("o-1"), AT));
    payments.insert(PaymentSamples.created("pay_2", "o-2", AT));

    Throwable failure =
        catchThrowable(
            () ->
                database
                    .jdbi()
                    .useHandle(
                        handle ->
                            handle.execute(
                                "update payments set idempotency_key = (select idempotency_key"
                                    + " from payments where id = 'pay_1') where id = 'pay_2'")));

    assertThat(StoreDetailsContract.printed(failure))
        .contains("payments_idempotency_key_uq")
        .doesNotContain(KEY.value());
  }
}
