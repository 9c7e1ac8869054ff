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

  @Override
  protected TestDatabase database() {
    return database;
  }

  @Test
  void the_drivers_own_message_on_the_stores_pool_does_not_quote_the_key_it_refused() {
    // PostgreSQL's detail line ("Key (idempotency_key)=(...) already exists") is what the pool's
    // logServerErrorDetail=false keeps out of the driver's message.
    IdempotencyKey key = IdempotencyKey.of("sk_live_key_7Hq2ExampleSecretValue");
    Instant at = Instant.parse("2026-03-02T09:15:30Z");
    PaymentStore payments = database.first(PaymentStore.class);
    payments.insert(Payment.create(new PaymentId("pay_1"), key, PaymentSamples.request("o-1"), at));
    Payment clash = Payment.create(new PaymentId("pay_2"), key, PaymentSamples.request("o-2"), at);

    Throwable failure = catchThrowable(() -> payments.insert(clash));

    assertThat(failure).isInstanceOf(StoreConflictException.class);
    assertThat(StoreDetailsContract.printed(failure))
        .contains("payments_idempotency_key_uq")
        .doesNotContain(key.value());
    assertThat(payments.findById(clash.id())).isEmpty();
  }
}
