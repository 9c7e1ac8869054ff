package dev.paykit.testkit;

import static dev.paykit.testkit.ConflictAssertions.assertConflict;
import static dev.paykit.testkit.PaymentSamples.created;
import static dev.paykit.testkit.PaymentSamples.moved;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.domain.refund.ProviderRefund;
import dev.paykit.domain.refund.Refund;
import dev.paykit.domain.refund.RefundId;
import dev.paykit.domain.refund.RefundState;
import dev.paykit.port.out.RefundStore;
import dev.paykit.port.out.StoreConflictException;
import dev.paykit.testkit.Concurrently.Attempt;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The executable contract of {@link RefundStore}. An implementation's test extends this class and
 * supplies an empty store per test with {@link #newStore()}; a store shared by several processes
 * also overrides {@link #secondInstance()}, and the concurrency case then races the two. Every
 * payment is EUR 10.50 ({@code 1050} minor units) and succeeded.
 */
public abstract class RefundStoreContract {
  protected static final Instant T0 = Instant.parse("2026-03-02T09:15:30.123456Z");

  private RefundStore store;
  private RefundStore second;
  private Payment payment;
  private Money paid;

  /** A store holding no refunds, called before every test. */
  protected abstract RefundStore newStore();

  /**
   * Another instance over the same data as the store {@link #newStore()} just returned, as a second
   * process would have it. Called right after {@code newStore()}; the default is that same store.
   */
  protected RefundStore secondInstance() {
    return store();
  }

  /**
   * Called with each payment before its refunds are stored, after {@link #newStore()}: a store
   * whose refunds reference stored payments (a foreign key) saves it here. Does nothing by default.
   */
  protected void paymentExists(Payment payment) {}

  /** The store {@link #newStore()} returned for the running test. */
  protected final RefundStore store() {
    return store;
  }

  @BeforeEach
  final void createStores() {
    store = newStore();
    second = secondInstance();
    payment = succeededPayment("pay_refunded", "order-refunded");
    paid = payment.request().amount();
  }

  @Test
  void a_refund_within_the_amount_is_stored() {
    Refund refund = refund("ref_1", 500);

    assertThat(store.insertWithin(refund, paid)).isTrue();

    assertThat(second.findById(refund.id())).contains(refund);
  }

  @Test
  void refunds_may_add_up_to_exactly_the_amount_and_not_one_minor_unit_more() {
    assertThat(store.insertWithin(refund("ref_1", 600), paid)).isTrue();
    assertThat(second.insertWithin(refund("ref_2", 450), paid)).isTrue();
    Refund tooMuch = refund("ref_3", 1);

    assertThat(store.insertWithin(tooMuch, paid)).isFalse();

    assertThat(store.findById(tooMuch.id())).isEmpty();
    assertThat(store.findByIdempotencyKey(tooMuch.idempotencyKey())).isEmpty();
  }

  @Test
  void a_refund_larger_than_the_payment_is_refused_even_alone() {
    Refund tooMuch = refund("ref_1", 1051);

    assertThat(store.insertWithin(tooMuch, paid)).isFalse();

    assertThat(store.findByPaymentId(payment.id())).isEmpty();
  }

  @Test
  void pending_and_succeeded_refunds_count_against_the_amount() {
    Refund pending = refund("ref_1", 500);
    Refund succeeded = refund("ref_2", 500);
    store.insertWithin(pending, paid);
    store.insertWithin(succeeded, paid);
    assertThat(store.update(said(pending, RefundState.PENDING), 0)).isTrue();
    assertThat(store.update(said(succeeded, RefundState.SUCCEEDED), 0)).isTrue();

    assertThat(second.insertWithin(refund("ref_3", 51), paid)).isFalse();
  }

  @Test
  void a_failed_refund_frees_its_amount() {
    Refund failed = refund("ref_1", 1050);
    store.insertWithin(failed, paid);
    assertThat(store.update(failed.rejected(T0.plusSeconds(1)), 0)).isTrue();
    Refund again = refund("ref_2", 1050);

    assertThat(second.insertWithin(again, paid)).isTrue();

    assertThat(store.findById(again.id())).contains(again);
  }

  @Test
  void refunds_of_other_payments_do_not_count() {
    Payment other = succeededPayment("pay_other", "order-other");
    store.insertWithin(refund("ref_other", other, 1050), other.request().amount());

    assertThat(second.insertWithin(refund("ref_1", 1050), paid)).isTrue();
  }

  @Test
  void concurrent_partial_refunds_never_add_up_to_more_than_the_payment() {
    List<Refund> refunds =
        IntStream.range(0, 16).mapToObj(i -> refund("ref_race_" + i, 150)).toList();

    List<Attempt<Boolean>> attempts =
        Concurrently.run(16, i -> () -> instance(i).insertWithin(refunds.get(i), paid));

    assertThat(attempts).allMatch(Attempt::succeeded);
    assertThat(attempts).filteredOn(Attempt::value).hasSize(7);
    List<Refund> stored = store.findByPaymentId(payment.id());
    assertThat(stored).hasSize(7);
    assertThat(stored.stream().mapToLong(r -> r.amount().minorUnits()).sum()).isEqualTo(1050);
  }

  @Test
  void update_with_the_current_version_stores_the_refund() {
    Refund refund = refund("ref_1", 500);
    store.insertWithin(refund, paid);
    Refund pending = said(refund, RefundState.PENDING);
    Refund succeeded =
        pending.apply(provider(pending, RefundState.SUCCEEDED), T0.plusSeconds(9)).refund();

    assertThat(store.update(pending, 0)).isTrue();
    assertThat(second.update(succeeded, 1)).isTrue();

    assertThat(store.findById(refund.id())).contains(succeeded);
  }

  @Test
  void update_with_a_stale_version_changes_nothing_and_returns_false() {
    Refund refund = refund("ref_1", 500);
    store.insertWithin(refund, paid);
    Refund pending = said(refund, RefundState.PENDING);
    assertThat(store.update(pending, 0)).isTrue();

    assertThat(second.update(refund.rejected(T0.plusSeconds(2)), 0)).isFalse();

    assertThat(store.findById(refund.id())).contains(pending);
  }

  @Test
  void update_of_a_refund_that_is_not_stored_returns_false() {
    Refund refund = refund("ref_ghost", 500);

    assertThat(store.update(said(refund, RefundState.PENDING), 0)).isFalse();

    assertThat(store.findById(refund.id())).isEmpty();
  }

  @Test
  void a_refund_is_found_by_its_provider_refund_id_once_known() {
    Refund refund = refund("ref_1", 500);
    store.insertWithin(refund, paid);
    assertThat(store.findByProviderRefundId("rf_ref_1")).isEmpty();
    Refund pending = said(refund, RefundState.PENDING);
    store.update(pending, 0);

    assertThat(second.findByProviderRefundId("rf_ref_1")).contains(pending);
  }

  @Test
  void a_refund_is_found_by_its_idempotency_key() {
    Refund refund = refund("ref_1", 500);
    store.insertWithin(refund, paid);

    assertThat(second.findByIdempotencyKey(refund.idempotencyKey())).contains(refund);
    assertThat(second.findByIdempotencyKey(IdempotencyKey.of("key-unknown"))).isEmpty();
  }

  @Test
  void find_by_payment_id_lists_the_payments_refunds_oldest_first() {
    Payment other = succeededPayment("pay_other", "order-other");
    Refund third = refund("ref_c", payment, 100, T0.plusSeconds(3));
    Refund first = refund("ref_a", payment, 100, T0.plusSeconds(1));
    Refund middle = refund("ref_b", payment, 100, T0.plusSeconds(2));
    for (Refund refund : List.of(third, first, middle)) {
      store.insertWithin(refund, paid);
    }
    store.insertWithin(refund("ref_other", other, 100), other.request().amount());

    assertThat(second.findByPaymentId(payment.id())).containsExactly(first, middle, third);
  }

  @Test
  void find_stale_returns_refunds_in_the_states_last_updated_before_the_threshold_oldest_first() {
    Refund late = refund("ref_a", payment, 100, T0.plusSeconds(10));
    Refund early = refund("ref_b", payment, 100, T0.plusSeconds(2));
    Refund recent = refund("ref_c", payment, 100, T0.plusSeconds(30));
    Refund settled = refund("ref_d", payment, 100, T0);
    Refund accepted = refund("ref_e", payment, 100, T0);
    for (Refund refund : List.of(late, early, recent, settled, accepted)) {
      store.insertWithin(refund, paid);
    }
    Refund pending =
        accepted.apply(provider(accepted, RefundState.PENDING), T0.plusSeconds(5)).refund();
    store.update(pending, 0);
    store.update(
        settled.apply(provider(settled, RefundState.SUCCEEDED), T0.plusSeconds(1)).refund(), 0);
    EnumSet<RefundState> waiting = EnumSet.of(RefundState.REQUESTED, RefundState.PENDING);

    assertThat(second.findStale(waiting, T0.plusSeconds(20), 10))
        .containsExactly(early, pending, late);
    assertThat(second.findStale(waiting, T0.plusSeconds(20), 2)).containsExactly(early, pending);
    assertThat(second.findStale(EnumSet.of(RefundState.PENDING), T0.plusSeconds(5), 10)).isEmpty();
    assertThat(
            second.findStale(
                EnumSet.of(RefundState.PENDING), T0.plusSeconds(5).plusNanos(1_000), 10))
        .containsExactly(pending);
  }

  @Test
  void a_duplicate_id_is_refused_as_duplicate_id() {
    Refund original = refund("ref_1", 100);
    store.insertWithin(original, paid);
    Refund clash =
        Refund.request(
            original.id(),
            payment.id(),
            IdempotencyKey.of("key-other"),
            Money.of(100, "EUR"),
            null,
            T0);

    assertConflict(
        () -> second.insertWithin(clash, paid), StoreConflictException.Kind.DUPLICATE_ID);

    assertThat(store.findById(original.id())).contains(original);
    assertThat(store.findByIdempotencyKey(clash.idempotencyKey())).isEmpty();
  }

  @Test
  void a_duplicate_idempotency_key_is_refused_as_duplicate_idempotency_key() {
    Refund original = refund("ref_1", 100);
    store.insertWithin(original, paid);
    Payment other = succeededPayment("pay_other", "order-other");
    Refund clash =
        Refund.request(
            new RefundId("ref_2"),
            other.id(),
            original.idempotencyKey(),
            Money.of(100, "EUR"),
            null,
            T0);

    assertConflict(
        () -> second.insertWithin(clash, other.request().amount()),
        StoreConflictException.Kind.DUPLICATE_IDEMPOTENCY_KEY);

    assertThat(store.findById(clash.id())).isEmpty();
    assertThat(store.findByIdempotencyKey(original.idempotencyKey())).contains(original);
  }

  private RefundStore instance(int index) {
    return index % 2 == 0 ? store : second;
  }

  private Payment succeededPayment(String id, String externalId) {
    Payment succeeded =
        moved(created(id, externalId, T0.minusSeconds(60)), PaymentState.SUCCEEDED, T0);
    paymentExists(succeeded);
    return succeeded;
  }

  private Refund refund(String id, long minorUnits) {
    return refund(id, payment, minorUnits);
  }

  private static Refund refund(String id, Payment of, long minorUnits) {
    return refund(id, of, minorUnits, T0);
  }

  private static Refund refund(String id, Payment of, long minorUnits, Instant at) {
    return Refund.request(
        new RefundId(id),
        of.id(),
        IdempotencyKey.of("key-" + id),
        Money.of(minorUnits, "EUR"),
        "requested_by_customer",
        at);
  }

  /** {@code refund} after the provider said {@code state}, as refund {@code rf_<id>}. */
  private static Refund said(Refund refund, RefundState state) {
    return refund.apply(provider(refund, state), T0.plusSeconds(5)).refund();
  }

  private static ProviderRefund provider(Refund refund, RefundState state) {
    return new ProviderRefund(
        "rf_" + refund.id().value(),
        new TransactionId("tx_" + refund.paymentId().value()),
        state,
        refund.amount(),
        T0.plusSeconds(1));
  }
}
