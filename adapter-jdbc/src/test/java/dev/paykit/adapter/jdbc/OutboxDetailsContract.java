package dev.paykit.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paykit.domain.outbox.OutboxEvent;
import dev.paykit.domain.outbox.OutboxEventId;
import dev.paykit.domain.outbox.OutboxEventType;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.port.out.StoreConflictException;
import dev.paykit.port.out.Stores;
import dev.paykit.port.shared.OutboxDelivery;
import dev.paykit.testkit.Concurrently;
import dev.paykit.testkit.Concurrently.Attempt;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * What the JDBC outbox adds to the outbox contract: the numbering of a payment's events under
 * concurrent phases of two app instances with a pool each, on the database's locks rather than on
 * anything in the process, and the payload kept out of failures.
 */
abstract class OutboxDetailsContract {
  private static final Instant T0 = Instant.parse("2026-03-02T09:15:30.123456Z");
  private static final PaymentId PAYMENT = new PaymentId("pay_numbered");

  protected abstract TestDatabase database();

  private Stores first() {
    return database().first(Stores.class);
  }

  private Stores second() {
    return database().second(Stores.class);
  }

  /** Thrown by a phase that is to roll back after it appended. */
  private static final class Abandoned extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  @Test
  void concurrent_phases_of_two_instances_number_a_payments_events_without_gaps_or_repeats() {
    int threads = 8;
    int phasesEach = 12;

    // Every third phase rolls back after its append: its number must come back, not be skipped.
    List<Attempt<Integer>> attempts =
        Concurrently.run(
            threads,
            t ->
                () -> {
                  Stores stores = t % 2 == 0 ? first() : second();
                  int kept = 0;
                  for (int n = 0; n < phasesEach; n++) {
                    OutboxEvent event = event("evt_" + t + "_" + n, null);
                    boolean abandon = n % 3 == 2;
                    try {
                      stores
                          .unitOfWork()
                          .atomically(
                              () -> {
                                stores.outbox().append(event);
                                if (abandon) {
                                  throw new Abandoned();
                                }
                              });
                      kept++;
                    } catch (Abandoned expected) {
                      // rolled back, as it was meant to
                    }
                  }
                  return kept;
                });

    assertThat(attempts).allMatch(Attempt::succeeded);
    long kept = attempts.stream().mapToLong(Attempt::value).sum();
    assertThat(sequences())
        .containsExactlyElementsOf(LongStream.rangeClosed(1, kept).boxed().toList());
  }

  @Test
  void the_first_events_of_a_payment_appended_at_once_by_two_instances_are_numbered_1_to_n() {
    int threads = 8;

    List<Attempt<Long>> attempts =
        Concurrently.run(
            threads,
            t ->
                () ->
                    (t % 2 == 0 ? first() : second())
                        .outbox()
                        .append(event("evt_first_" + t, null))
                        .sequence());

    assertThat(attempts).allMatch(Attempt::succeeded);
    assertThat(attempts.stream().map(Attempt::value).sorted().toList())
        .containsExactlyElementsOf(LongStream.rangeClosed(1, threads).boxed().toList());
    assertThat(sequences())
        .containsExactlyElementsOf(LongStream.rangeClosed(1, threads).boxed().toList());
  }

  @Test
  void an_event_appended_while_an_earlier_one_of_its_payment_is_uncommitted_waits_for_it()
      throws Exception {
    CountDownLatch appended = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Long> earlier =
        CompletableFuture.supplyAsync(
            () ->
                first()
                    .unitOfWork()
                    .atomically(
                        () -> {
                          long sequence = first().outbox().append(event("evt_a", null)).sequence();
                          appended.countDown();
                          await(release);
                          return sequence;
                        }));
    assertThat(appended.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Long> later =
        CompletableFuture.supplyAsync(
            () -> second().outbox().append(event("evt_b", "ref_1")).sequence());

    // Numbered after the earlier one, so it is neither numbered nor visible before that commits:
    // no claim can see number 2 while number 1 may still appear.
    Thread.sleep(300);
    assertThat(later).isNotDone();
    assertThat(second().outbox().claim(T0, 10, Duration.ofSeconds(30))).isEmpty();
    release.countDown();
    assertThat(earlier.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(later.get(10, TimeUnit.SECONDS)).isEqualTo(2);
    assertThat(second().outbox().claim(T0, 10, Duration.ofSeconds(30)))
        .extracting(delivery -> delivery.event().sequence())
        .containsExactly(1L);
  }

  @Test
  void a_phase_that_goes_on_after_a_duplicate_event_id_leaves_no_gap_in_the_numbers() {
    first().outbox().append(event("evt_1", null));

    first()
        .unitOfWork()
        .atomically(
            () -> {
              assertThatThrownBy(() -> first().outbox().append(event("evt_1", null)))
                  .isInstanceOfSatisfying(
                      StoreConflictException.class,
                      e ->
                          assertThat(e.kind()).isEqualTo(StoreConflictException.Kind.DUPLICATE_ID));
              first().outbox().append(event("evt_2", null));
            });

    assertThat(sequences()).containsExactly(1L, 2L);
  }

  @Test
  void numbering_goes_on_after_the_payments_delivered_events_were_purged() {
    first().outbox().append(event("evt_1", null));
    OutboxDelivery claimed = first().outbox().claim(T0, 1, Duration.ofSeconds(30)).get(0);
    assertThat(first().outbox().markDelivered(claimed, T0.plusSeconds(1))).isTrue();
    assertThat(first().outbox().purgeDelivered(T0.plusSeconds(2))).isEqualTo(1);

    assertThat(second().outbox().append(event("evt_2", null)).sequence()).isEqualTo(2);
  }

  @Test
  void the_payload_is_kept_in_its_order_and_a_stored_payload_that_cannot_be_read_is_not_quoted() {
    Map<String, String> payload = new LinkedHashMap<>();
    payload.put("z_last_name_first", "a \"quoted\" value");
    payload.put("amount", "1250");
    payload.put("note", "ünïcode ✓");
    OutboxEvent event =
        new OutboxEvent(
            new OutboxEventId("evt_payload"),
            OutboxEventType.PAYMENT_SUCCEEDED,
            PAYMENT,
            null,
            new ExternalId("order-1"),
            0,
            T0,
            payload);
    first().outbox().append(event);

    assertThat(second().outbox().find(event.id()).orElseThrow().event().payload())
        .containsExactlyEntriesOf(payload);

    database()
        .jdbi()
        .useHandle(
            handle ->
                handle.execute(
                    "update outbox_events set payload = '{\"card\": \"4111-secret' where id = ?",
                    "evt_payload"));
    assertThatThrownBy(() -> second().outbox().find(event.id()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("evt_payload")
        .satisfies(e -> assertThat(e).hasNoCause())
        .satisfies(e -> assertThat(String.valueOf(e.getMessage())).doesNotContain("4111"));
  }

  private List<Long> sequences() {
    return database()
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery(
                        "select sequence_no from outbox_events where payment_id = :payment"
                            + " order by sequence_no")
                    .bind("payment", PAYMENT.value())
                    .mapTo(Long.class)
                    .list());
  }

  private static OutboxEvent event(String id, String refundId) {
    return new OutboxEvent(
        new OutboxEventId(id),
        refundId == null ? OutboxEventType.PAYMENT_STARTED : OutboxEventType.REFUND_PENDING,
        PAYMENT,
        refundId,
        new ExternalId("order-1"),
        0,
        T0,
        Map.of("state", "STARTED"));
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("not released in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
