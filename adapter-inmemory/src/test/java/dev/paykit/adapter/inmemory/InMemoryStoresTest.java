package dev.paykit.adapter.inmemory;

import static dev.paykit.testkit.PaymentSamples.created;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paykit.domain.outbox.OutboxEvent;
import dev.paykit.domain.outbox.OutboxEvents;
import dev.paykit.domain.payment.Payment;
import dev.paykit.port.out.Stores;
import dev.paykit.testkit.flows.CrashPoint;
import dev.paykit.testkit.flows.CrashPoints;
import dev.paykit.testkit.flows.SimulatedCrash;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryStoresTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:15:30.123456Z");

  private final InMemoryStores stores = new InMemoryStores();
  private final InMemoryStores others = new InMemoryStores();

  @Test
  void each_family_holds_data_of_its_own() {
    Payment payment = created("pay_1", "order-1", T0);

    stores.payments().insert(payment);

    assertThat(others.payments().findById(payment.id())).isEmpty();
  }

  @Test
  void a_failed_phase_undoes_nothing_of_another_family() {
    Payment mine = created("pay_mine", "order-1", T0);
    Payment theirs = created("pay_theirs", "order-1", T0);
    RuntimeException failure = new IllegalStateException("the work failed");

    assertThatThrownBy(
            () ->
                stores
                    .unitOfWork()
                    .atomically(
                        () -> {
                          stores.payments().insert(mine);
                          others.payments().insert(theirs);
                          throw failure;
                        }))
        .isSameAs(failure);

    assertThat(stores.payments().findById(mine.id())).isEmpty();
    assertThat(others.payments().findById(theirs.id())).contains(theirs);
  }

  @Test
  void a_phase_holds_up_only_its_own_family() {
    Payment theirs = created("pay_theirs", "order-1", T0);

    boolean otherFamilyWrote =
        stores
            .unitOfWork()
            .atomically(
                () ->
                    CompletableFuture.runAsync(() -> others.payments().insert(theirs))
                        .completeOnTimeout(null, 10, TimeUnit.SECONDS)
                        .thenApply(done -> others.payments().findById(theirs.id()).isPresent())
                        .join());

    assertThat(otherFamilyWrote).isTrue();
  }

  @Test
  void through_crash_points_an_outbox_event_appended_before_a_crash_in_its_phase_is_undone() {
    CrashPoints crashes = new CrashPoints(point -> {});
    Stores wrapped = crashes.stores(stores);
    Payment payment = created("pay_1", "order-1", T0);
    OutboxEvent event = OutboxEvents.created(payment, T0);
    crashes.arm(CrashPoint.AFTER_KEY_RESERVED);

    assertThatThrownBy(
            () ->
                wrapped
                    .unitOfWork()
                    .atomically(
                        () -> {
                          wrapped.outbox().append(event);
                          wrapped.payments().insert(payment);
                        }))
        .isInstanceOf(SimulatedCrash.class);

    assertThat(wrapped.outbox()).isSameAs(stores.outbox());
    assertThat(stores.outbox().find(event.id())).isEmpty();
    assertThat(stores.outbox().backlog(T0).undelivered()).isZero();
  }
}
