package dev.paykit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paykit.adapter.inmemory.InMemoryStores;
import dev.paykit.core.flows.RecordingEventHandler;
import dev.paykit.domain.ValidationException;
import dev.paykit.domain.outbox.OutboxEvent;
import dev.paykit.domain.outbox.OutboxEventId;
import dev.paykit.domain.outbox.OutboxEventType;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.port.in.OutboxRunReport;
import dev.paykit.port.out.Outbox;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.PaymentEventHandler;
import dev.paykit.port.shared.OutboxBacklog;
import dev.paykit.port.shared.OutboxDelivery;
import dev.paykit.testkit.Concurrently;
import dev.paykit.testkit.fake.FakeProvider;
import dev.paykit.testkit.flows.FlowClock;
import dev.paykit.testkit.flows.RecordingObserver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher on the in-memory outbox: hands each event to the shop's handler once it can, marks
 * it delivered, retries a handler that threw after a capped exponential backoff with full jitter,
 * dead-letters it after the configured deliveries, and never lets a payment's later event overtake
 * an earlier one, not a dead letter, not with several dispatchers at once.
 */
class DispatchOutboxServiceTest {
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  private final FlowClock clock = new FlowClock(T0);
  private final InMemoryStores stores = new InMemoryStores();
  private final Outbox outbox = stores.outbox();
  private final RecordingObserver observer = new RecordingObserver();
  private final RecordingEventHandler shop = new RecordingEventHandler();

  @Test
  void an_event_is_handed_to_the_shop_once_and_marked_delivered() {
    OutboxEvent appended = outbox.append(event("pay_1", OutboxEventType.PAYMENT_CREATED));
    DispatchOutboxService dispatcher = dispatcher(shop, PaykitSettings.OutboxRetry.defaults());
    clock.advance(Duration.ofSeconds(5));

    OutboxRunReport first = dispatcher.dispatchPending(10);
    OutboxRunReport second = dispatcher.dispatchPending(10);

    assertThat(first).isEqualTo(new OutboxRunReport(1, 1, 0, 0));
    assertThat(second).isEqualTo(new OutboxRunReport(0, 0, 0, 0));
    assertThat(shop.handled()).containsExactly(appended);
    assertThat(appended.sequence()).isEqualTo(1);
    OutboxDelivery stored = outbox.find(appended.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(OutboxDelivery.Status.DELIVERED);
    assertThat(stored.attempts()).isEqualTo(1);
    assertThat(stored.deliveredAt()).isEqualTo(clock.instant());
    assertThat(observer.events(PaykitEvent.OutboxDelivered.class))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.eventId()).isEqualTo(appended.id());
              assertThat(d.type()).isEqualTo("payment.created");
              assertThat(d.attempts()).isEqualTo(1);
              assertThat(d.latency()).isEqualTo(Duration.ofSeconds(5));
            });
    assertThat(observer.events(PaykitEvent.OutboxBacklogMeasured.class))
        .extracting(PaykitEvent.OutboxBacklogMeasured::backlog)
        .containsExactly(
            new OutboxBacklog(0, 0, Duration.ZERO), new OutboxBacklog(0, 0, Duration.ZERO));
  }

  @Test
  void an_event_whose_handler_threw_is_not_handed_over_again_before_its_backoff_ran_out() {
    OutboxEvent appended = outbox.append(event("pay_1", OutboxEventType.PAYMENT_CREATED));
    DispatchOutboxService dispatcher =
        dispatcher(
            shop,
            new PaykitSettings.OutboxRetry(
                5, Duration.ofHours(1), Duration.ofHours(1), Duration.ofMinutes(2)));
    shop.failNext(1);

    assertThat(dispatcher.dispatchPending(10)).isEqualTo(new OutboxRunReport(1, 0, 1, 0));
    OutboxDelivery failed = outbox.find(appended.id()).orElseThrow();
    assertThat(failed.status()).isEqualTo(OutboxDelivery.Status.PENDING);
    assertThat(failed.attempts()).isEqualTo(1);
    assertThat(failed.lastError()).isEqualTo(RecordingEventHandler.ShopDown.class.getName());
    assertThat(failed.nextAttemptAt())
        .isBetween(clock.instant(), clock.instant().plusSeconds(3600));

    clock.advance(Duration.between(clock.instant(), failed.nextAttemptAt()).minusMillis(1));
    assertThat(dispatcher.dispatchPending(10).claimed()).isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(dispatcher.dispatchPending(10)).isEqualTo(new OutboxRunReport(1, 1, 0, 0));
    assertThat(shop.attempts())
        .extracting(OutboxEvent::id)
        .containsExactly(appended.id(), appended.id());
    assertThat(observer.events(PaykitEvent.OutboxRetryScheduled.class))
        .singleElement()
        .satisfies(
            r -> assertThat(r.error()).isEqualTo(RecordingEventHandler.ShopDown.class.getName()));
  }

  @Test
  void retries_wait_a_random_delay_between_zero_and_the_base_doubled_per_attempt_up_to_the_cap() {
    Duration base = Duration.ofSeconds(1);
    Duration cap = Duration.ofSeconds(8);
    List<OutboxEvent> events = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      events.add(outbox.append(event("pay_" + i, OutboxEventType.PAYMENT_CREATED)));
    }
    DispatchOutboxService dispatcher =
        dispatcher(
            event -> {
              throw new IllegalStateException("shop down");
            },
            new PaykitSettings.OutboxRetry(20, base, cap, Duration.ofMinutes(2)));
    List<Duration> ceilings =
        List.of(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(8),
            Duration.ofSeconds(8));

    for (int attempt = 1; attempt <= ceilings.size(); attempt++) {
      Duration ceiling = ceilings.get(attempt - 1);
      Instant now = clock.instant();

      OutboxRunReport pass = dispatcher.dispatchPending(1000);

      assertThat(pass.claimed()).as("claimed on attempt %d", attempt).isEqualTo(200);
      assertThat(pass.retried()).isEqualTo(200);
      Set<Duration> delays = new HashSet<>();
      for (OutboxEvent event : events) {
        OutboxDelivery delivery = outbox.find(event.id()).orElseThrow();
        assertThat(delivery.attempts()).isEqualTo(attempt);
        Duration delay = Duration.between(now, delivery.nextAttemptAt());
        assertThat(delay)
            .as("delay after attempt %d", attempt)
            .isGreaterThanOrEqualTo(Duration.ZERO)
            .isLessThanOrEqualTo(ceiling);
        delays.add(delay);
      }
      // Full jitter: the delays spread over the whole range, up to the capped ceiling.
      assertThat(delays).as("distinct delays after attempt %d", attempt).hasSizeGreaterThan(100);
      assertThat(delays.stream().max(Duration::compareTo).orElseThrow())
          .as("longest delay after attempt %d", attempt)
          .isGreaterThan(ceiling.dividedBy(2));
      clock.advance(ceiling);
    }
  }

  /** What a handler throws when its endpoint said when to come back. */
  private static final class ComeBackLater extends Exception
      implements PaymentEventHandler.RetryAfter {
    private static final long serialVersionUID = 1L;
    private final transient Duration after;

    ComeBackLater(Duration after) {
      super("503 from https://shop.example/hooks?token=s3cret");
      this.after = after;
    }

    @Override
    public Optional<Duration> retryAfter() {
      return Optional.of(after);
    }
  }

  @Test
  void a_handler_that_asks_for_a_longer_wait_than_the_backoff_gets_the_event_after_that_wait() {
    OutboxEvent appended = outbox.append(event("pay_1", OutboxEventType.PAYMENT_CREATED));
    DispatchOutboxService dispatcher =
        dispatcher(
            event -> {
              throw new ComeBackLater(Duration.ofMinutes(10));
            },
            new PaykitSettings.OutboxRetry(
                5, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofMinutes(2)));

    dispatcher.dispatchPending(10);

    OutboxDelivery failed = outbox.find(appended.id()).orElseThrow();
    assertThat(failed.nextAttemptAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
    assertThat(failed.lastError()).isEqualTo(ComeBackLater.class.getName());
  }

  @Test
  void a_handler_that_asks_for_a_shorter_wait_than_the_backoff_gets_the_backoff() {
    List<OutboxEvent> events = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      events.add(outbox.append(event("pay_" + i, OutboxEventType.PAYMENT_CREATED)));
    }
    Duration asked = Duration.ofMillis(10);
    Duration ceiling = Duration.ofHours(1);
    DispatchOutboxService dispatcher =
        dispatcher(
            event -> {
              throw new ComeBackLater(asked);
            },
            new PaykitSettings.OutboxRetry(5, ceiling, ceiling, Duration.ofMinutes(2)));
    Instant now = clock.instant();

    dispatcher.dispatchPending(100);

    List<Duration> delays =
        events.stream()
            .map(e -> Duration.between(now, outbox.find(e.id()).orElseThrow().nextAttemptAt()))
            .toList();
    assertThat(delays)
        .allSatisfy(d -> assertThat(d).isBetween(asked, ceiling))
        .anySatisfy(d -> assertThat(d).isGreaterThan(ceiling.dividedBy(2)));
  }

  @Test
  void after_the_last_attempt_the_event_is_a_dead_letter_with_the_errors_type_not_its_message() {
    OutboxEvent appended = outbox.append(event("pay_1", OutboxEventType.PAYMENT_SUCCEEDED));
    DispatchOutboxService dispatcher = dispatcher(shop, threeAttempts());
    shop.failNext(100);

    List<OutboxRunReport> passes = new ArrayList<>();
    for (int pass = 0; pass < 5; pass++) {
      passes.add(dispatcher.dispatchPending(10));
      clock.advance(Duration.ofMinutes(1));
    }

    assertThat(passes)
        .containsExactly(
            new OutboxRunReport(1, 0, 1, 0),
            new OutboxRunReport(1, 0, 1, 0),
            new OutboxRunReport(1, 0, 0, 1),
            new OutboxRunReport(0, 0, 0, 0),
            new OutboxRunReport(0, 0, 0, 0));
    OutboxDelivery dead = outbox.find(appended.id()).orElseThrow();
    assertThat(dead.status()).isEqualTo(OutboxDelivery.Status.DEAD);
    assertThat(dead.attempts()).isEqualTo(3);
    assertThat(dead.lastError())
        .isEqualTo(RecordingEventHandler.ShopDown.class.getName())
        .doesNotContain(RecordingEventHandler.SECRET_MESSAGE);
    assertThat(dispatcher.deadLetters(10))
        .extracting(d -> d.event().id())
        .containsExactly(appended.id());
    assertThat(dispatcher.backlog().dead()).isEqualTo(1);
    assertThat(observer.events(PaykitEvent.OutboxDeadLettered.class))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.attempts()).isEqualTo(3);
              assertThat(d.error()).isEqualTo(RecordingEventHandler.ShopDown.class.getName());
            });
    assertThat(observer.events())
        .filteredOn(e -> e instanceof PaykitEvent.OutboxRetryScheduled)
        .hasSize(2)
        .allSatisfy(
            e -> assertThat(e.toString()).doesNotContain(RecordingEventHandler.SECRET_MESSAGE));
  }

  @Test
  void a_paykit_error_from_the_handler_is_recorded_as_its_code_and_subject_not_its_message() {
    OutboxEvent appended = outbox.append(event("pay_1", OutboxEventType.PAYMENT_SUCCEEDED));
    DispatchOutboxService dispatcher =
        dispatcher(
            event -> {
              throw new ValidationException(
                  "orderNumber", "unknown_order", "no order for buyer@example.com");
            },
            threeAttempts());

    dispatcher.dispatchPending(10);

    assertThat(outbox.find(appended.id()).orElseThrow().lastError())
        .isEqualTo("invalid_field (orderNumber)");
  }

  @Test
  void a_dead_letter_holds_its_payments_later_events_until_it_is_replayed() {
    OutboxEvent a1 = outbox.append(event("pay_a", OutboxEventType.PAYMENT_CREATED));
    OutboxEvent a2 = outbox.append(event("pay_a", OutboxEventType.PAYMENT_STARTED));
    OutboxEvent b1 = outbox.append(event("pay_b", OutboxEventType.PAYMENT_CREATED));
    OutboxEvent a3 = outbox.append(event("pay_a", OutboxEventType.PAYMENT_SUCCEEDED));
    AtomicBoolean refuseA1 = new AtomicBoolean(true);
    List<OutboxEvent> handled = new CopyOnWriteArrayList<>();
    DispatchOutboxService dispatcher =
        dispatcher(
            event -> {
              if (refuseA1.get() && event.id().equals(a1.id())) {
                throw new IllegalStateException("order table locked");
              }
              handled.add(event);
            },
            new PaykitSettings.OutboxRetry(
                1, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(2)));

    for (int pass = 0; pass < 4; pass++) {
      dispatcher.dispatchPending(10);
      clock.advance(Duration.ofMinutes(5));
    }

    assertThat(outbox.find(a1.id()).orElseThrow().status()).isEqualTo(OutboxDelivery.Status.DEAD);
    assertThat(handled).containsExactly(b1);
    assertThat(outbox.find(a2.id()).orElseThrow().status())
        .isEqualTo(OutboxDelivery.Status.PENDING);
    assertThat(outbox.find(a2.id()).orElseThrow().attempts()).isZero();
    assertThat(dispatcher.backlog())
        .satisfies(
            b -> {
              assertThat(b.dead()).isEqualTo(1);
              assertThat(b.undelivered()).isEqualTo(2);
            });

    refuseA1.set(false);
    assertThat(dispatcher.replay(a2.id())).as("replaying an event that is not dead").isFalse();
    assertThat(dispatcher.replay(new OutboxEventId("pkevt_unknown"))).isFalse();
    assertThat(dispatcher.replay(a1.id())).isTrue();
    assertThat(dispatcher.replay(a1.id())).as("replaying it twice").isFalse();
    for (int pass = 0; pass < 4; pass++) {
      dispatcher.dispatchPending(10);
    }

    assertThat(handled).containsExactly(b1, a1, a2, a3);
    assertThat(handled.subList(1, 4)).extracting(OutboxEvent::sequence).containsExactly(1L, 2L, 3L);
    assertThat(dispatcher.deadLetters(10)).isEmpty();
    assertThat(dispatcher.backlog()).isEqualTo(new OutboxBacklog(0, 0, Duration.ZERO));
  }

  @Test
  void without_a_handler_dispatching_fails_naming_how_to_register_one_and_the_events_wait() {
    FakeProvider provider = new FakeProvider(clock);
    PaykitCore paykit =
        PaykitCore.builder()
            .stores(stores)
            .provider(provider.gateway(), provider.webhookVerifier(clock), provider.webhookParser())
            .clock(clock)
            .build();
    OutboxEvent appended = outbox.append(event("pay_1", OutboxEventType.PAYMENT_CREATED));

    assertThatThrownBy(() -> paykit.outbox().dispatchPending(10))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("PaymentEventHandler")
        .hasMessageContaining("PaykitCore.builder().eventHandler(")
        .hasMessageContaining("PaykitModule");

    OutboxDelivery waiting = outbox.find(appended.id()).orElseThrow();
    assertThat(waiting.status()).isEqualTo(OutboxDelivery.Status.PENDING);
    assertThat(waiting.attempts()).isZero();
    assertThat(paykit.outbox().backlog().undelivered()).isEqualTo(1);
  }

  @Test
  void a_pass_asked_to_stop_before_it_starts_claims_nothing() {
    OutboxEvent appended = outbox.append(event("pay_1", OutboxEventType.PAYMENT_CREATED));

    OutboxRunReport pass = dispatcher(shop, threeAttempts()).dispatchPending(10, () -> true);

    assertThat(pass).isEqualTo(new OutboxRunReport(0, 0, 0, 0));
    assertThat(shop.attempts()).isEmpty();
    assertThat(outbox.find(appended.id()).orElseThrow().attempts()).isZero();
  }

  @Test
  void a_pass_asked_to_stop_midway_gives_back_what_it_did_not_hand_over_for_the_next_at_once() {
    OutboxEvent first = outbox.append(event("pay_1", OutboxEventType.PAYMENT_CREATED));
    OutboxEvent second = outbox.append(event("pay_2", OutboxEventType.PAYMENT_CREATED));
    OutboxEvent third = outbox.append(event("pay_3", OutboxEventType.PAYMENT_CREATED));
    AtomicBoolean stop = new AtomicBoolean();
    PaymentEventHandler stopsAfterOne =
        handed -> {
          shop.handle(handed);
          stop.set(true);
        };

    OutboxRunReport pass =
        dispatcher(stopsAfterOne, threeAttempts()).dispatchPending(10, stop::get);

    assertThat(pass).isEqualTo(new OutboxRunReport(3, 1, 0, 0, 2));
    assertThat(shop.handled()).containsExactly(first);
    for (OutboxEvent givenBack : List.of(second, third)) {
      OutboxDelivery stored = outbox.find(givenBack.id()).orElseThrow();
      assertThat(stored.status()).isEqualTo(OutboxDelivery.Status.PENDING);
      assertThat(stored.attempts()).isZero();
      assertThat(stored.claimToken()).isNull();
    }
    assertThat(dispatcher(shop, threeAttempts()).dispatchPending(10))
        .as("the next pass, at the same instant: no claim to wait out")
        .isEqualTo(new OutboxRunReport(2, 2, 0, 0));
    assertThat(shop.handled()).containsExactly(first, second, third);
  }

  @Test
  void an_event_whose_hand_over_kills_the_dispatcher_is_dead_lettered_after_the_last_attempt() {
    OutboxEvent deadly = outbox.append(event("pay_1", OutboxEventType.PAYMENT_CREATED));
    OutboxEvent behind = outbox.append(event("pay_1", OutboxEventType.PAYMENT_STARTED));
    OutboxEvent other = outbox.append(event("pay_2", OutboxEventType.PAYMENT_CREATED));
    PaymentEventHandler crashesOnTheFirst =
        handed -> {
          if (handed.id().equals(deadly.id())) {
            throw new StackOverflowError();
          }
          shop.handle(handed);
        };
    PaykitSettings.OutboxRetry retry = threeAttempts();
    DispatchOutboxService dispatcher = dispatcher(crashesOnTheFirst, retry);

    for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
      assertThatThrownBy(() -> dispatcher.dispatchPending(1))
          .as("attempt %d", attempt)
          .isInstanceOf(StackOverflowError.class);
      clock.advance(retry.claimFor().plusSeconds(1));
    }
    OutboxRunReport afterwards = dispatcher.dispatchPending(10);

    OutboxDelivery buried = outbox.find(deadly.id()).orElseThrow();
    assertThat(buried.status()).isEqualTo(OutboxDelivery.Status.DEAD);
    assertThat(buried.attempts()).isEqualTo(retry.maxAttempts());
    assertThat(buried.lastError()).contains("all 3 attempts");
    assertThat(dispatcher.deadLetters(10)).containsExactly(buried);
    assertThat(afterwards.delivered()).isEqualTo(1);
    assertThat(shop.handled()).containsExactly(other);
    assertThat(outbox.find(behind.id()).orElseThrow().status())
        .as("its payment's later event waits behind the dead letter")
        .isEqualTo(OutboxDelivery.Status.PENDING);
  }

  @Test
  void dispatcher_threads_hand_each_payments_events_over_one_at_a_time_in_sequence_order() {
    int paymentsCount = 30;
    int eventsEach = 8;
    int threads = 8;
    InMemoryStores shared = new InMemoryStores();
    // Appended round-robin, so that every payment's events are spread over the whole outbox.
    for (int n = 0; n < eventsEach; n++) {
      for (int p = 0; p < paymentsCount; p++) {
        shared.outbox().append(event("pay_" + p, OutboxEventType.PAYMENT_STARTED, Instant.now()));
      }
    }
    Map<PaymentId, Thread> inFlight = new ConcurrentHashMap<>();
    List<String> overlaps = new CopyOnWriteArrayList<>();
    List<OutboxEvent> attempts = new CopyOnWriteArrayList<>();
    List<OutboxEvent> handled = new CopyOnWriteArrayList<>();
    Set<Thread> handingOver = ConcurrentHashMap.newKeySet();
    PaymentEventHandler slowFlakyShop =
        event -> {
          Thread previous = inFlight.putIfAbsent(event.paymentId(), Thread.currentThread());
          if (previous != null) {
            overlaps.add(event + " while " + previous.getName() + " had one of its payment");
          }
          try {
            attempts.add(event);
            handingOver.add(Thread.currentThread());
            Thread.sleep(1);
            if (ThreadLocalRandom.current().nextInt(4) == 0) {
              throw new IllegalStateException("shop busy");
            }
            handled.add(event);
          } finally {
            inFlight.remove(event.paymentId(), Thread.currentThread());
          }
        };
    // Real time, with retries due within milliseconds and claims that outlast the test.
    DispatchOutboxService dispatcher =
        new DispatchOutboxService(
            shared,
            Optional.of(slowFlakyShop),
            observer,
            PaykitSettings.defaults()
                .withOutboxRetry(
                    new PaykitSettings.OutboxRetry(
                        1000, Duration.ofMillis(1), Duration.ofMillis(4), Duration.ofMinutes(5))),
            Clock.systemUTC());
    Instant deadline = Instant.now().plusSeconds(30);

    List<Concurrently.Attempt<Integer>> workers =
        Concurrently.run(
            threads,
            i ->
                () -> {
                  int delivered = 0;
                  while (dispatcher.backlog().undelivered() > 0
                      && Instant.now().isBefore(deadline)) {
                    OutboxRunReport pass = dispatcher.dispatchPending(3);
                    delivered += pass.delivered();
                    if (pass.claimed() == 0) {
                      Thread.sleep(1);
                    }
                  }
                  return delivered;
                });

    assertThat(workers).allSatisfy(w -> assertThat(w.failure()).isNull());
    assertThat(workers.stream().mapToInt(Concurrently.Attempt::value).sum())
        .isEqualTo(paymentsCount * eventsEach);
    assertThat(overlaps).isEmpty();
    assertThat(handingOver).as("threads that handed events over").hasSizeGreaterThan(1);
    assertThat(attempts.size())
        .as("hand-overs, the failed ones included")
        .isGreaterThan(handled.size());
    for (int p = 0; p < paymentsCount; p++) {
      PaymentId payment = new PaymentId("pay_" + p);
      assertThat(handled.stream().filter(e -> e.paymentId().equals(payment)))
          .as("the order %s's events were handed over in", payment)
          .extracting(OutboxEvent::sequence)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, eventsEach).boxed().toList());
      assertThat(attempts.stream().filter(e -> e.paymentId().equals(payment)))
          .as("the order %s's hand-overs, the failed ones included, came in", payment)
          .extracting(OutboxEvent::sequence)
          .isSorted();
    }
    assertThat(dispatcher.backlog()).isEqualTo(new OutboxBacklog(0, 0, Duration.ZERO));
  }

  private DispatchOutboxService dispatcher(
      PaymentEventHandler handler, PaykitSettings.OutboxRetry retry) {
    return new DispatchOutboxService(
        stores,
        Optional.of(handler),
        observer,
        PaykitSettings.defaults().withOutboxRetry(retry),
        clock);
  }

  private static PaykitSettings.OutboxRetry threeAttempts() {
    return new PaykitSettings.OutboxRetry(
        3, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(2));
  }

  private OutboxEvent event(String payment, OutboxEventType type) {
    return event(payment, type, clock.instant());
  }

  private static OutboxEvent event(String payment, OutboxEventType type, Instant at) {
    return new OutboxEvent(
        OutboxEventId.random(),
        type,
        new PaymentId(payment),
        null,
        new ExternalId("order-" + payment),
        0,
        at,
        Map.of("state", type.name()));
  }
}
