package dev.paykit.adapter.jdbc;

import static dev.paykit.testkit.PaymentSamples.created;
import static dev.paykit.testkit.PaymentSamples.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.refund.Refund;
import dev.paykit.domain.refund.RefundId;
import dev.paykit.port.out.StoreConflictException;
import dev.paykit.port.out.Stores;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What the JDBC unit of work adds to its contract. PostgreSQL aborts a transaction at its first
 * failed statement and fails every later one, so a store that ran into a unique violation and then
 * read what it clashed with would report the aborted transaction, not the conflict. The stores
 * never fail a statement over a conflict: in a phase each kind of conflict is the {@link
 * StoreConflictException} it is, and the phase's transaction is still usable after it.
 */
abstract class PhaseDetailsContract {
  private static final Instant T0 = Instant.parse("2026-03-02T09:15:30.123456Z");

  protected abstract TestDatabase database();

  private Stores stores() {
    return database().first(Stores.class);
  }

  private Stores other() {
    return database().second(Stores.class);
  }

  @Test
  void a_phase_goes_on_after_each_kind_of_payment_conflict_and_keeps_its_later_writes() {
    Payment stored = created("pay_1", "order-1", T0);
    stores().payments().insert(stored);
    Payment sameId = created("pay_1", "order-2", T0);
    Payment sameKey =
        Payment.create(new PaymentId("pay_2"), stored.idempotencyKey(), request("order-3"), T0);
    Payment sameOrder = created("pay_3", "order-1", T0);
    Payment later = created("pay_4", "order-4", T0);

    stores()
        .unitOfWork()
        .atomically(
            () -> {
              assertConflict(sameId, StoreConflictException.Kind.DUPLICATE_ID);
              assertConflict(sameKey, StoreConflictException.Kind.DUPLICATE_IDEMPOTENCY_KEY);
              assertConflict(sameOrder, StoreConflictException.Kind.ACTIVE_PAYMENT_FOR_ORDER);
              stores().payments().insert(later);
            });

    assertThat(other().payments().findById(later.id())).contains(later);
    assertThat(other().payments().findById(stored.id())).contains(stored);
  }

  @Test
  void a_phase_goes_on_after_a_refund_conflict_and_keeps_its_later_writes() {
    Payment payment = created("pay_1", "order-1", T0);
    stores().payments().insert(payment);
    Money amount = payment.request().amount();
    Refund first = refund("ref_1", "key-ref_1", payment);
    assertThat(stores().refunds().insertWithin(first, amount)).isTrue();

    stores()
        .unitOfWork()
        .atomically(
            () -> {
              assertThatThrownBy(
                      () ->
                          stores()
                              .refunds()
                              .insertWithin(refund("ref_1", "key-other", payment), amount))
                  .isInstanceOfSatisfying(
                      StoreConflictException.class,
                      e ->
                          assertThat(e.kind()).isEqualTo(StoreConflictException.Kind.DUPLICATE_ID));
              assertThatThrownBy(
                      () ->
                          stores()
                              .refunds()
                              .insertWithin(refund("ref_2", "key-ref_1", payment), amount))
                  .isInstanceOfSatisfying(
                      StoreConflictException.class,
                      e ->
                          assertThat(e.kind())
                              .isEqualTo(StoreConflictException.Kind.DUPLICATE_IDEMPOTENCY_KEY));
              assertThat(
                      stores()
                          .refunds()
                          .insertWithin(refund("ref_3", "key-ref_3", payment), amount))
                  .isTrue();
            });

    assertThat(other().refunds().findByPaymentId(payment.id()))
        .extracting(Refund::id)
        .containsExactly(new RefundId("ref_1"), new RefundId("ref_3"));
  }

  @Test
  void a_phase_is_not_seen_by_another_instance_before_it_returns() {
    Payment payment = created("pay_1", "order-1", T0);

    stores()
        .unitOfWork()
        .atomically(
            () -> {
              stores().payments().insert(payment);
              assertThat(stores().payments().findById(payment.id())).contains(payment);
              assertThat(other().payments().findById(payment.id())).isEmpty();
            });

    assertThat(other().payments().findById(payment.id())).contains(payment);
  }

  private void assertConflict(Payment payment, StoreConflictException.Kind kind) {
    assertThatThrownBy(() -> stores().payments().insert(payment))
        .isInstanceOfSatisfying(
            StoreConflictException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }

  private static Refund refund(String id, String key, Payment of) {
    return Refund.request(
        new RefundId(id), of.id(), IdempotencyKey.of(key), Money.of(100, "EUR"), "requested", T0);
  }
}
