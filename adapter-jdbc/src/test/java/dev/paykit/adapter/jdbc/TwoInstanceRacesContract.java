package dev.paykit.adapter.jdbc;

import static dev.paykit.testkit.PaymentSamples.created;
import static dev.paykit.testkit.PaymentSamples.moved;
import static dev.paykit.testkit.PaymentSamples.providerPayment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ProviderReport;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.payment.TransitionResult;
import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.WebhookInbox;
import dev.paykit.port.shared.InboxEvent;
import dev.paykit.testkit.Concurrently;
import dev.paykit.testkit.Concurrently.Attempt;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Two app instances, each with its own pool, doing the work of several: what the contracts race
 * step by step, done here the way the services do it (read, decide, write, retry or settle).
 */
abstract class TwoInstanceRacesContract {
  private static final Instant T0 = Instant.parse("2026-03-02T09:15:30.123456Z");
  private static final Duration CLAIM = Duration.ofSeconds(30);

  protected abstract TestDatabase database();

  @Test
  void writers_on_two_instances_that_retry_on_a_stale_version_lose_no_update() {
    Payment payment = inProgress("pay_contended", "order-contended");
    int writers = 8;
    int updatesEach = 5;
    Instant at = T0.plusSeconds(2);

    // Each report says the opposite of the latest entry (a stale STARTED after a duplicate
    // IN_PROGRESS, and back), so every one appends an entry and every write races for a version.
    List<Attempt<Integer>> attempts =
        Concurrently.run(
            writers,
            w ->
                () -> {
                  PaymentStore store = instance(w, PaymentStore.class);
                  int staleWrites = 0;
                  for (int n = 0; n < updatesEach; n++) {
                    while (true) {
                      Payment current = store.findById(payment.id()).orElseThrow();
                      ProviderStatus opposite =
                          current.latest().reported() == PaymentState.IN_PROGRESS
                              ? ProviderStatus.STARTED
                              : ProviderStatus.IN_PROGRESS;
                      TransitionResult result =
                          current.apply(lookUp(current, opposite, "req_w" + w + "_" + n, at), at);
                      assertThat(result.appends()).isTrue();
                      if (store.write(result, current.version())) {
                        break;
                      }
                      staleWrites++;
                    }
                  }
                  return staleWrites;
                });

    assertThat(attempts).allMatch(Attempt::succeeded);
    PaymentStore reader = database().second(PaymentStore.class);
    Payment last = reader.findById(payment.id()).orElseThrow();
    int total = writers * updatesEach;
    assertThat(last.version()).isEqualTo(total + 1);
    assertThat(last.state()).isEqualTo(PaymentState.IN_PROGRESS);
    List<HistoryEntry> history = reader.history(payment.id());
    assertThat(history)
        .extracting(HistoryEntry::sequence)
        .containsExactlyElementsOf(LongStream.rangeClosed(0, total + 1).boxed().toList());
    assertThat(history)
        .extracting(HistoryEntry::requestId)
        .filteredOn(id -> id != null && id.startsWith("req_w"))
        .hasSize(total)
        .doesNotHaveDuplicates();
  }

  @Test
  void repeats_counted_on_two_instances_at_once_are_all_kept_on_the_latest_entry() {
    Payment payment = inProgress("pay_repeated", "order-repeated");
    PaymentStore first = database().first(PaymentStore.class);
    Payment duplicate =
        payment.apply(lookUp(payment, ProviderStatus.IN_PROGRESS, "req_d", T0), T0).payment();
    assertThat(first.update(duplicate, payment.version())).isTrue();
    int writers = 8;
    int repeatsEach = 5;

    List<Attempt<Integer>> attempts =
        Concurrently.run(
            writers,
            w ->
                () -> {
                  PaymentStore store = instance(w, PaymentStore.class);
                  int counted = 0;
                  for (int n = 0; n < repeatsEach; n++) {
                    Payment current = store.findById(payment.id()).orElseThrow();
                    Instant at = T0.plusSeconds(10 + w * repeatsEach + n);
                    TransitionResult result =
                        current.apply(
                            lookUp(current, ProviderStatus.IN_PROGRESS, "req_w" + w + "_" + n, at),
                            at);
                    assertThat(result).isInstanceOf(TransitionResult.Repeated.class);
                    if (store.write(result, current.version())) {
                      counted++;
                    }
                  }
                  return counted;
                });

    assertThat(attempts).allMatch(Attempt::succeeded);
    int total = writers * repeatsEach;
    assertThat(attempts.stream().mapToInt(Attempt::value).sum()).isEqualTo(total);
    Payment last = database().second(PaymentStore.class).findById(payment.id()).orElseThrow();
    assertThat(last.version()).isEqualTo(duplicate.version());
    assertThat(last.latest().repeats()).isEqualTo(total);
    assertThat(last.latest().lastSeenAt()).isEqualTo(T0.plusSeconds(10 + total - 1));
    assertThat(database().second(PaymentStore.class).history(payment.id()))
        .hasSize(3)
        .last()
        .isEqualTo(last.latest());
  }

  @Test
  void two_instances_draining_one_inbox_process_every_event_exactly_once() {
    int events = 200;
    WebhookInbox receiver = database().first(WebhookInbox.class);
    for (int i = 0; i < events; i++) {
      receiver.insert(
          InboxEvent.received(
              new EventId(String.format("evt_%03d", i)),
              "payment.status_changed",
              "{}",
              T0.plus(i, ChronoUnit.MICROS)));
    }
    Instant now = T0.plusSeconds(1);
    Map<EventId, AtomicInteger> handled = new ConcurrentHashMap<>();

    List<Attempt<Integer>> attempts =
        Concurrently.run(
            6,
            w ->
                () -> {
                  WebhookInbox inbox = instance(w, WebhookInbox.class);
                  int settled = 0;
                  List<InboxEvent> batch;
                  while (!(batch = inbox.claim(now, 5, CLAIM)).isEmpty()) {
                    for (InboxEvent event : batch) {
                      handled
                          .computeIfAbsent(event.id(), id -> new AtomicInteger())
                          .incrementAndGet();
                      if (inbox.markProcessed(event, now)) {
                        settled++;
                      }
                    }
                  }
                  return settled;
                });

    assertThat(attempts).allMatch(Attempt::succeeded);
    assertThat(attempts.stream().mapToInt(Attempt::value).sum()).isEqualTo(events);
    assertThat(handled).hasSize(events);
    assertThat(handled.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
    int processed =
        database()
            .jdbi()
            .withHandle(
                handle ->
                    handle
                        .createQuery(
                            "select count(*) from webhook_inbox"
                                + " where status = 'PROCESSED' and attempts = 1")
                        .mapTo(Integer.class)
                        .one());
    assertThat(processed).isEqualTo(events);
  }

  @Test
  void claims_left_by_an_instance_that_died_are_taken_over_by_the_other_after_their_timeout() {
    WebhookInbox dead = database().first(WebhookInbox.class);
    WebhookInbox survivor = database().second(WebhookInbox.class);
    for (int i = 0; i < 10; i++) {
      dead.insert(InboxEvent.received(new EventId("evt_" + i), "t", "{}", T0));
    }
    List<InboxEvent> abandoned = dead.claim(T0, 10, CLAIM);
    Instant timeout = T0.plus(CLAIM);

    assertThat(survivor.claim(timeout.minusNanos(1), 10, CLAIM)).isEmpty();
    List<InboxEvent> takenOver = survivor.claim(timeout, 10, CLAIM);

    assertThat(abandoned).hasSize(10);
    assertThat(takenOver)
        .hasSize(10)
        .allSatisfy(event -> assertThat(event.attempts()).isEqualTo(2));
    List<Boolean> lateSettlements = new ArrayList<>();
    abandoned.forEach(event -> lateSettlements.add(dead.markProcessed(event, timeout)));
    assertThat(lateSettlements).containsOnly(false);
    assertThat(takenOver)
        .allSatisfy(event -> assertThat(survivor.markProcessed(event, timeout)).isTrue());
  }

  /** A stored payment the provider reported {@code IN_PROGRESS} for, at version 1. */
  private Payment inProgress(String id, String order) {
    Payment payment = created(id, order, T0);
    PaymentStore store = database().first(PaymentStore.class);
    store.insert(payment);
    Payment moved = moved(payment, PaymentState.IN_PROGRESS, T0.plusSeconds(1));
    assertThat(store.update(moved, 0)).isTrue();
    return moved;
  }

  private static ProviderReport lookUp(
      Payment payment, ProviderStatus status, String requestId, Instant at) {
    return ProviderReport.fromLookup(providerPayment(payment, status, null, at), requestId);
  }

  private <T> T instance(int worker, Class<T> type) {
    return worker % 2 == 0 ? database().first(type) : database().second(type);
  }
}
