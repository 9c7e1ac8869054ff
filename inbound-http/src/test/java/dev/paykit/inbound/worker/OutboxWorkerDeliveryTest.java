package dev.paykit.inbound.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paykit.adapter.inmemory.InMemoryStores;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.outbox.OutboxEvent;
import dev.paykit.domain.outbox.OutboxEventId;
import dev.paykit.domain.outbox.OutboxEventType;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.in.DispatchOutbox;
import dev.paykit.port.in.OutboxRunReport;
import dev.paykit.port.in.StopSignal;
import dev.paykit.port.shared.OutboxBacklog;
import dev.paykit.port.shared.OutboxDelivery;
import dev.paykit.service.PaykitCore;
import dev.paykit.service.PaykitSettings;
import dev.paykit.testkit.PaymentSamples;
import dev.paykit.testkit.fake.FakeProvider;
import dev.paykit.testkit.fake.SignedWebhook;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The outbox worker on the real core and the in-memory stores, with real threads: what is appended
 * while it runs reaches the shop's handler, in order per payment, and stopping it in the middle of
 * a pass loses nothing.
 */
class OutboxWorkerDeliveryTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** Short enough for a test to outwait, long enough that no claim runs out while it is held. */
  private static final Duration CLAIM = Duration.ofMillis(500);

  private final Clock clock = Clock.systemUTC();
  private final FakeProvider provider = new FakeProvider(clock);
  private final InMemoryStores stores = new InMemoryStores();
  private final List<OutboxEvent> handled = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicReference<Consumer<OutboxEvent>> beforeHandling =
      new AtomicReference<>(event -> {});
  private final PaykitCore core =
      PaykitCore.builder()
          .stores(stores)
          .provider(provider.gateway(), provider.webhookVerifier(clock), provider.webhookParser())
          .eventHandler(
              event -> {
                beforeHandling.get().accept(event);
                if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                  throw new IllegalStateException("the shop's database is down");
                }
                handled.add(event);
              })
          .settings(
              PaykitSettings.defaults()
                  .withOutboxRetry(
                      new PaykitSettings.OutboxRetry(
                          5, Duration.ofMillis(10), Duration.ofMillis(20), CLAIM)))
          .clock(clock)
          .build();

  @Test
  void events_appended_while_the_worker_runs_reach_the_handler_in_order_per_payment() {
    OutboxWorkerSettings settings =
        OutboxWorkerSettings.defaults().withThreads(3).withIdleWait(Duration.ofMillis(20));
    List<PaymentId> payments = new ArrayList<>();
    try (OutboxWorker worker = new OutboxWorker(core.outbox(), settings).start()) {
      for (int i = 1; i <= 10; i++) {
        Payment payment = started("order-" + i);
        payments.add(payment.id());
        SignedWebhook paid = provider.move(payment.transactionId(), ProviderStatus.CONFIRMED, null);
        core.receiveWebhook().receive(paid.body(), paid.headers());
        core.inbox().processPending(10);
      }

      await().atMost(WAIT).until(() -> handled.size() >= 30);
    }

    Map<PaymentId, List<OutboxEvent>> byPayment = byPayment();
    assertThat(byPayment.keySet()).containsExactlyInAnyOrderElementsOf(payments);
    assertThat(byPayment.values())
        .allSatisfy(
            events -> {
              assertThat(events).extracting(OutboxEvent::sequence).containsExactly(1L, 2L, 3L);
              assertThat(events)
                  .extracting(OutboxEvent::type)
                  .containsExactly(
                      OutboxEventType.PAYMENT_CREATED,
                      OutboxEventType.PAYMENT_STARTED,
                      OutboxEventType.PAYMENT_SUCCEEDED);
            });
    assertThat(handled).extracting(OutboxEvent::id).doesNotHaveDuplicates();
    assertThat(core.outbox().backlog().undelivered()).isZero();
  }

  @Test
  void an_event_whose_handler_throws_is_handed_over_again_until_it_is_taken() {
    failuresLeft.set(2);
    try (OutboxWorker worker =
        new OutboxWorker(
                core.outbox(), OutboxWorkerSettings.defaults().withIdleWait(Duration.ofMillis(5)))
            .start()) {
      Payment payment = started("order-retried");

      await().atMost(WAIT).until(() -> handled.size() >= 2);

      OutboxEvent created = handled.get(0);
      assertThat(created.paymentId()).isEqualTo(payment.id());
      assertThat(created.type()).isEqualTo(OutboxEventType.PAYMENT_CREATED);
      assertThat(stores.outbox().find(created.id()))
          .hasValueSatisfying(
              delivery -> {
                assertThat(delivery.status()).isEqualTo(OutboxDelivery.Status.DELIVERED);
                assertThat(delivery.attempts()).isEqualTo(3);
              });
    }
  }

  @Test
  void a_worker_stopped_in_the_middle_of_a_pass_gives_the_rest_back_for_the_next_one_at_once() {
    List<PaymentId> payments = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      payments.add(started("order-stopped-" + i).id());
    }
    AtomicReference<StopSignal> signalOfThePass = new AtomicReference<>();
    beforeHandling.set(
        event -> {
          if (handled.isEmpty()) {
            await().atMost(WAIT).until(() -> signalOfThePass.get().stopRequested());
          }
        });
    OutboxWorkerSettings oneThread =
        OutboxWorkerSettings.defaults().withThreads(1).withIdleWait(Duration.ofHours(1));
    OutboxWorker first = new OutboxWorker(watched(signalOfThePass), oneThread).start();
    await().atMost(WAIT).until(() -> signalOfThePass.get() != null);

    assertThat(first.stop(Duration.ofMillis(100))).isTrue();

    assertThat(handled).hasSize(1);
    OutboxBacklog left = core.outbox().backlog();
    assertThat(left.undelivered()).as("6 events, 1 delivered").isEqualTo(5);
    assertThat(left.dead()).isZero();
    assertThat(Threads.alive("paykit-outbox-")).isEmpty();
    // Within the claim time: only what was given back (or never claimed) is there to take.
    List<OutboxDelivery> takenAtOnce = stores.outbox().claim(clock.instant(), 10, CLAIM);
    assertThat(takenAtOnce).as("one head per payment, none still held").hasSize(3);
    takenAtOnce.forEach(delivery -> assertThat(stores.outbox().release(delivery)).isTrue());

    beforeHandling.set(event -> {});
    try (OutboxWorker restarted =
        new OutboxWorker(core.outbox(), oneThread.withIdleWait(Duration.ofMillis(20))).start()) {
      await().atMost(WAIT).until(() -> handled.size() >= 6);
    }

    Map<PaymentId, List<OutboxEvent>> byPayment = byPayment();
    assertThat(byPayment.keySet()).containsExactlyInAnyOrderElementsOf(payments);
    assertThat(byPayment.values())
        .allSatisfy(
            events -> assertThat(events).extracting(OutboxEvent::sequence).containsExactly(1L, 2L));
    assertThat(core.outbox().backlog().undelivered()).isZero();
  }

  private Payment started(String order) {
    return core.create()
        .create(
            new CreatePaymentCommand(
                IdempotencyKey.derive("test", order, "attempt-1"), PaymentSamples.request(order)))
        .payment();
  }

  private Map<PaymentId, List<OutboxEvent>> byPayment() {
    return handled.stream()
        .collect(
            Collectors.groupingBy(OutboxEvent::paymentId, LinkedHashMap::new, Collectors.toList()));
  }

  /** The core's dispatcher, noting the stop signal each pass is handed. */
  private DispatchOutbox watched(AtomicReference<StopSignal> signal) {
    DispatchOutbox real = core.outbox();
    return new DispatchOutbox() {
      @Override
      public OutboxRunReport dispatchPending(int maxEvents, StopSignal stop) {
        signal.set(stop);
        return real.dispatchPending(maxEvents, stop);
      }

      @Override
      public List<OutboxDelivery> deadLetters(int limit) {
        return real.deadLetters(limit);
      }

      @Override
      public boolean replay(OutboxEventId id) {
        return real.replay(id);
      }

      @Override
      public OutboxBacklog backlog() {
        return real.backlog();
      }
    };
  }
}
