package dev.paykit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paykit.adapter.inmemory.InMemoryStores;
import dev.paykit.core.flows.RecordingEventHandler;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.idempotency.IdempotencyScope;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.refund.Refund;
import dev.paykit.domain.refund.RefundState;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.in.CreatePaymentResult;
import dev.paykit.port.in.InboxRunReport;
import dev.paykit.port.in.OutboxRunReport;
import dev.paykit.port.in.RefundCommand;
import dev.paykit.port.out.IdempotencyStore;
import dev.paykit.port.out.Outbox;
import dev.paykit.testkit.PaymentSamples;
import dev.paykit.testkit.fake.FakeProvider;
import dev.paykit.testkit.fake.SignedWebhook;
import dev.paykit.testkit.flows.CrashPoint;
import dev.paykit.testkit.flows.CrashingInbox;
import dev.paykit.testkit.flows.FlowClock;
import dev.paykit.testkit.flows.SimulatedCrash;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * An outbox event is part of the phase of the change it reports: kept with it, undone with it. A
 * phase that fails after appending its event leaves no event behind, so the shop never hears of a
 * change that was not kept; and an append that fails undoes the change, so no change is kept that
 * the shop would never hear of. What the outbox holds is read the way the shop reads it: by
 * draining it into a recording handler.
 */
class OutboxEventPhaseTest {
  private final FlowClock clock = new FlowClock(Instant.parse("2026-11-24T10:00:00Z"));
  private final FakeProvider provider = new FakeProvider(clock);
  private final InMemoryStores memory = new InMemoryStores();
  private final AtomicBoolean crashAtTheNextKeyCompletion = new AtomicBoolean();
  private final AtomicBoolean failTheNextAppend = new AtomicBoolean();
  private final CrashingInbox inbox = new CrashingInbox(memory.inbox());
  private final RecordingStores stores =
      new RecordingStores(
          new StoresOf(
              memory.payments(),
              keys(),
              inbox,
              memory.refunds(),
              memory.disputes(),
              memory.subscriptions(),
              outbox(),
              memory.unitOfWork()));
  private final RecordingEventHandler shop = new RecordingEventHandler();
  private final PaykitCore paykit =
      PaykitCore.builder()
          .stores(stores)
          .provider(provider.gateway(), provider.webhookVerifier(clock), provider.webhookParser())
          .eventHandler(shop)
          .clock(clock)
          .build();

  /** The keys, where the process can "die" as it settles the next key: the phase's last write. */
  private IdempotencyStore keys() {
    return Intercepted.around(
        IdempotencyStore.class,
        memory.idempotencyKeys(),
        "complete",
        proceed -> {
          if (crashAtTheNextKeyCompletion.getAndSet(false)) {
            throw new SimulatedCrash(CrashPoint.AFTER_PROVIDER_ANSWER);
          }
          return proceed.call();
        });
  }

  /** The outbox, whose next append can fail. */
  private Outbox outbox() {
    return Intercepted.around(
        Outbox.class,
        memory.outbox(),
        "append",
        proceed -> {
          if (failTheNextAppend.getAndSet(false)) {
            throw new IllegalStateException("the outbox table is unavailable");
          }
          return proceed.call();
        });
  }

  @Test
  void a_create_whose_event_cannot_be_appended_keeps_neither_the_payment_nor_the_key() {
    IdempotencyKey key = IdempotencyKey.of("checkout-1");
    failTheNextAppend.set(true);

    assertThatThrownBy(() -> create(key, "order-1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("outbox");

    assertThat(stores.undone()).containsExactly(1);
    assertThat(memory.payments().findByIdempotencyKey(key)).isEmpty();
    assertThat(memory.idempotencyKeys().find(IdempotencyScope.CREATE_PAYMENT, key)).isEmpty();
    assertThat(provider.ledger().createCalls()).isZero();

    Payment started = create(key, "order-1").payment();
    drainOutbox();

    assertThat(shop.typesOf(started.id())).containsExactly("payment.created", "payment.started");
  }

  @Test
  void a_create_whose_second_phase_fails_after_appending_leaves_only_its_created_event() {
    IdempotencyKey key = IdempotencyKey.of("checkout-1");
    crashAtTheNextKeyCompletion.set(true);

    assertThatThrownBy(() -> create(key, "order-1")).isInstanceOf(SimulatedCrash.class);

    assertThat(stores.appended()).containsExactly("1 payment.created", "2 payment.started");
    assertThat(stores.undone()).containsExactly(2);
    Payment recorded = memory.payments().findByIdempotencyKey(key).orElseThrow();
    assertThat(recorded.state()).isEqualTo(PaymentState.CREATED);
    drainOutbox();
    assertThat(shop.typesOf(recorded.id())).containsExactly("payment.created");

    clock.advance(PaykitSettings.defaults().idempotencyLock());
    CreatePaymentResult finished = create(key, "order-1");
    drainOutbox();

    assertThat(finished).isInstanceOf(CreatePaymentResult.Started.class);
    assertThat(shop.typesOf(recorded.id())).containsExactly("payment.created", "payment.started");
    assertThat(shop.handled()).extracting(e -> e.sequence()).containsExactly(1L, 2L);
  }

  @Test
  void a_webhook_phase_that_fails_before_its_marking_leaves_no_event_and_its_retry_appends_one() {
    Payment started = create(IdempotencyKey.of("checkout-1"), "order-1").payment();
    SignedWebhook confirmed =
        provider.move(started.transactionId(), ProviderStatus.CONFIRMED, null);
    deliver(confirmed);
    stores.reset();
    inbox.crashBeforeNextMarkProcessed();

    InboxRunReport failed = paykit.inbox().processPending(10);

    assertThat(failed.retried()).isEqualTo(1);
    assertThat(stores.appended()).containsExactly("1 payment.succeeded");
    assertThat(stores.undone()).containsExactly(1);
    drainOutbox();
    assertThat(shop.typesOf(started.id())).containsExactly("payment.created", "payment.started");

    clock.advance(Duration.ofMinutes(2));
    assertThat(paykit.inbox().processPending(10).processed()).isEqualTo(1);
    drainOutbox();

    assertThat(shop.typesOf(started.id()))
        .containsExactly("payment.created", "payment.started", "payment.succeeded");
  }

  @Test
  void a_refund_whose_second_phase_fails_after_appending_is_heard_of_once_it_is_finished() {
    Payment paid = create(IdempotencyKey.of("checkout-1"), "order-1").payment();
    deliver(provider.move(paid.transactionId(), ProviderStatus.CONFIRMED, null));
    paykit.inbox().processPending(10);
    stores.reset();
    crashAtTheNextKeyCompletion.set(true);

    assertThatThrownBy(
            () ->
                paykit
                    .refund()
                    .refund(
                        new RefundCommand(
                            IdempotencyKey.of("refund-1"), paid.id(), Money.of(500, "EUR"), null)))
        .isInstanceOf(SimulatedCrash.class);

    assertThat(stores.appended()).containsExactly("2 refund.pending");
    assertThat(stores.undone()).containsExactly(2);
    Refund requested = memory.refunds().findByPaymentId(paid.id()).get(0);
    assertThat(requested.state()).isEqualTo(RefundState.REQUESTED);
    drainOutbox();
    assertThat(shop.typesOf(paid.id()))
        .containsExactly("payment.created", "payment.started", "payment.succeeded");

    clock.advance(PaykitSettings.defaults().resubmitAfter().plusSeconds(1));
    paykit.reconcile().reconcile();
    drainOutbox();

    assertThat(memory.refunds().findById(requested.id()).orElseThrow().state())
        .isEqualTo(RefundState.PENDING);
    assertThat(shop.typesOf(paid.id()))
        .containsExactly(
            "payment.created", "payment.started", "payment.succeeded", "refund.pending");
  }

  @Test
  void a_create_refused_for_an_order_with_an_active_payment_leaves_no_event() {
    Payment active = create(IdempotencyKey.of("first"), "order-1").payment();

    CreatePaymentResult refused = create(IdempotencyKey.of("second"), "order-1");
    drainOutbox();

    assertThat(refused).isInstanceOf(CreatePaymentResult.ActivePaymentExists.class);
    assertThat(shop.handled())
        .allSatisfy(e -> assertThat(e.paymentId()).isEqualTo(active.id()))
        .extracting(e -> e.type().wireName())
        .containsExactly("payment.created", "payment.started");
  }

  private CreatePaymentResult create(IdempotencyKey key, String order) {
    return paykit.create().create(new CreatePaymentCommand(key, PaymentSamples.request(order)));
  }

  private void deliver(SignedWebhook webhook) {
    paykit.receiveWebhook().receive(webhook.body(), webhook.headers());
  }

  /** Hands the shop everything due, pass after pass, until a pass finds nothing. */
  private void drainOutbox() {
    OutboxRunReport pass;
    int passes = 0;
    do {
      pass = paykit.outbox().dispatchPending(100);
      assertThat(++passes).as("passes over the outbox").isLessThan(100);
    } while (pass.claimed() > 0);
  }
}
