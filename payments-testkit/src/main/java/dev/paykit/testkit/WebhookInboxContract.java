package dev.paykit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paykit.domain.payment.ProviderName;
import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.out.WebhookInbox;
import dev.paykit.port.shared.InboxBacklog;
import dev.paykit.port.shared.InboxEvent;
import dev.paykit.testkit.Concurrently.Attempt;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The executable contract of {@link WebhookInbox}. An implementation's test extends this class and
 * supplies an empty inbox per test with {@link #newInbox()}; an inbox shared by several processes
 * also overrides {@link #secondInstance()}, and the concurrency cases then race the two.
 */
public abstract class WebhookInboxContract {
  protected static final Instant T0 = Instant.parse("2026-03-02T09:15:30.123456Z");
  private static final Duration CLAIM = Duration.ofSeconds(30);
  private static final String TYPE = "payment.status_changed";
  private static final ProviderName PSP_A = ProviderName.of("psp-a");
  private static final ProviderName PSP_B = ProviderName.of("psp-b");

  private WebhookInbox inbox;
  private WebhookInbox second;

  /** An inbox holding no events, called before every test. */
  protected abstract WebhookInbox newInbox();

  /**
   * Another instance over the same data as the inbox {@link #newInbox()} just returned, as a second
   * process would have it. Called right after {@code newInbox()}; the default is that same inbox.
   */
  protected WebhookInbox secondInstance() {
    return inbox();
  }

  /** The inbox {@link #newInbox()} returned for the running test. */
  protected final WebhookInbox inbox() {
    return inbox;
  }

  @BeforeEach
  final void createInboxes() {
    inbox = newInbox();
    second = secondInstance();
  }

  @Test
  void an_inserted_event_is_stored_pending_and_due_at_once() {
    InboxEvent event =
        InboxEvent.received(new EventId("evt_1"), TYPE, "{\"note\": \"ünïcödé\"}\nsecond line", T0);

    assertThat(inbox.insert(event)).isTrue();

    assertThat(second.find(event.id())).contains(event);
  }

  @Test
  void a_redelivered_event_is_dropped_and_the_first_copy_kept() {
    InboxEvent first = received("evt_1", T0);
    inbox.insert(first);
    InboxEvent redelivery =
        InboxEvent.received(first.id(), TYPE, "another body", T0.plusSeconds(5));

    assertThat(second.insert(redelivery)).isFalse();

    assertThat(inbox.find(first.id())).contains(first);
  }

  @Test
  void exactly_one_of_64_concurrent_inserts_of_one_event_succeeds() {
    List<Attempt<Boolean>> attempts =
        Concurrently.run(
            64,
            i ->
                () ->
                    instance(i)
                        .insert(
                            InboxEvent.received(
                                new EventId("evt_1"), TYPE, "copy " + i, T0.plusMillis(i))));

    assertThat(attempts).allMatch(Attempt::succeeded);
    List<Integer> winners =
        IntStream.range(0, 64).filter(i -> attempts.get(i).value()).boxed().toList();
    assertThat(winners).hasSize(1);
    assertThat(inbox.find(new EventId("evt_1")).orElseThrow().payload())
        .isEqualTo("copy " + winners.get(0));
  }

  /**
   * Receipts at once, as a receiver's threads make them: 16 threads deliver 500 events, each event
   * twice by two different threads, in an order of their own. An inbox that writes concurrent
   * receipts together must still store every event once and call exactly one of its copies new.
   */
  @Test
  void concurrent_receipts_of_many_events_store_each_once_and_call_exactly_one_copy_new() {
    int threads = 16;
    int events = 500;
    List<Attempt<List<Boolean>>> attempts =
        Concurrently.run(
            threads,
            t ->
                () -> {
                  List<Boolean> answers = new ArrayList<>();
                  for (int e = t; e < 2 * events; e += threads) {
                    int event = (e * 7919) % events;
                    answers.add(
                        instance(t)
                            .insert(
                                InboxEvent.received(
                                    new EventId(String.format("evt_%03d", event)),
                                    TYPE,
                                    "copy " + t,
                                    T0.plusMillis(e))));
                  }
                  return answers;
                });

    assertThat(attempts).allMatch(Attempt::succeeded);
    int[] fresh = new int[events];
    for (int t = 0; t < threads; t++) {
      List<Boolean> answers = attempts.get(t).value();
      for (int e = t, i = 0; e < 2 * events; e += threads, i++) {
        if (answers.get(i)) {
          fresh[(e * 7919) % events]++;
        }
      }
    }
    assertThat(fresh).as("copies called new, per event").containsOnly(1);
    for (int event = 0; event < events; event++) {
      assertThat(inbox.find(new EventId(String.format("evt_%03d", event)))).isPresent();
    }
    assertThat(inbox.claim(T0.plusSeconds(10), 2 * events, CLAIM)).hasSize(events);
  }

  @Test
  void two_providers_events_with_one_id_are_two_events() {
    InboxEvent ofA = InboxEvent.received(PSP_A, new EventId("evt_1"), TYPE, "from a", T0);
    InboxEvent ofB =
        InboxEvent.received(PSP_B, new EventId("evt_1"), TYPE, "from b", T0.plusSeconds(1));

    assertThat(inbox.insert(ofA)).isTrue();
    assertThat(second.insert(ofB)).isTrue();
    assertThat(inbox.insert(InboxEvent.received(PSP_A, ofA.id(), TYPE, "again", T0))).isFalse();

    assertThat(second.find(PSP_A, ofA.id())).contains(ofA);
    assertThat(second.find(PSP_B, ofB.id())).contains(ofB);
    assertThat(second.find(ofA.id())).as("the default provider has no evt_1").isEmpty();
  }

  @Test
  void settling_one_providers_event_leaves_the_other_providers_event_with_the_same_id_alone() {
    inbox.insert(InboxEvent.received(PSP_A, new EventId("evt_1"), TYPE, "from a", T0));
    inbox.insert(InboxEvent.received(PSP_B, new EventId("evt_1"), TYPE, "from b", T0));
    List<InboxEvent> claimed = second.claim(T0.plusSeconds(1), 10, CLAIM);
    assertThat(claimed).extracting(InboxEvent::provider).containsExactlyInAnyOrder(PSP_A, PSP_B);
    InboxEvent ofA = claimed.stream().filter(e -> e.provider().equals(PSP_A)).findFirst().get();
    InboxEvent ofB = claimed.stream().filter(e -> e.provider().equals(PSP_B)).findFirst().get();

    assertThat(inbox.markProcessed(ofA, T0.plusSeconds(2))).isTrue();
    assertThat(inbox.markDead(ofB, "no payment known", T0.plusSeconds(2))).isTrue();

    assertThat(second.find(PSP_A, ofA.id()).orElseThrow().status())
        .isEqualTo(InboxEvent.Status.PROCESSED);
    assertThat(second.find(PSP_B, ofB.id()).orElseThrow().status())
        .isEqualTo(InboxEvent.Status.DEAD);
    assertThat(second.deadLetters(10)).extracting(InboxEvent::provider).containsExactly(PSP_B);
    assertThat(inbox.replay(PSP_A, ofA.id(), T0.plusSeconds(3)))
        .as("provider a's evt_1 is not dead")
        .isFalse();
    assertThat(inbox.replay(PSP_B, ofB.id(), T0.plusSeconds(3))).isTrue();
    assertThat(second.find(PSP_B, ofB.id()).orElseThrow().status())
        .isEqualTo(InboxEvent.Status.PENDING);
  }

  @Test
  void find_of_an_unknown_event_is_empty() {
    inbox.insert(received("evt_1", T0));

    assertThat(inbox.find(new EventId("evt_unknown"))).isEmpty();
  }

  @Test
  void claim_takes_due_events_oldest_first_up_to_max() {
    for (int i : List.of(3, 1, 4, 2)) {
      inbox.insert(received("evt_" + i, T0.plusSeconds(i)));
    }

    List<InboxEvent> claimed = second.claim(T0.plusSeconds(10), 3, CLAIM);

    assertThat(claimed).extracting(e -> e.id().value()).containsExactly("evt_1", "evt_2", "evt_3");
  }

  @Test
  void a_claim_of_at_most_zero_events_takes_none_and_leaves_them_due() {
    inbox.insert(received("evt_1", T0));

    assertThat(second.claim(T0.plusSeconds(10), 0, CLAIM)).isEmpty();
    assertThat(second.claim(T0.plusSeconds(10), -1, CLAIM)).isEmpty();

    assertThat(second.claim(T0.plusSeconds(10), 1, CLAIM))
        .extracting(e -> e.id().value())
        .containsExactly("evt_1");
  }

  @Test
  void processed_events_are_passed_over_and_the_oldest_still_due_are_claimed() {
    for (int i = 0; i < 30; i++) {
      inbox.insert(received("evt_" + (100 + i), T0.plusSeconds(i)));
    }
    for (InboxEvent claimed : second.claim(T0.plusSeconds(60), 20, CLAIM)) {
      assertThat(second.markProcessed(claimed, T0.plusSeconds(61))).isTrue();
    }

    assertThat(second.claim(T0.plusSeconds(62), 3, CLAIM))
        .extracting(e -> e.id().value())
        .containsExactly("evt_120", "evt_121", "evt_122");
  }

  @Test
  void a_claimed_event_is_processing_with_a_fresh_token_one_more_attempt_and_a_time_limit() {
    InboxEvent event = received("evt_1", T0);
    inbox.insert(event);
    Instant now = T0.plusSeconds(1);

    List<InboxEvent> claimed = second.claim(now, 10, CLAIM);

    assertThat(claimed).hasSize(1);
    InboxEvent held = claimed.get(0);
    assertThat(held.status()).isEqualTo(InboxEvent.Status.PROCESSING);
    assertThat(held.attempts()).isEqualTo(1);
    assertThat(held.claimToken()).isNotBlank();
    assertThat(held.claimedUntil()).isEqualTo(now.plus(CLAIM));
    assertThat(held)
        .extracting(InboxEvent::id, InboxEvent::type, InboxEvent::payload, InboxEvent::receivedAt)
        .containsExactly(event.id(), event.type(), event.payload(), event.receivedAt());
    assertThat(inbox.find(event.id())).contains(held);
  }

  @Test
  void an_event_is_not_claimed_before_its_next_attempt_is_due() {
    Instant due = T0.plusSeconds(60);
    InboxEvent later =
        new InboxEvent(
            ProviderName.DEFAULT,
            new EventId("evt_later"),
            TYPE,
            "{}",
            InboxEvent.Status.PENDING,
            0,
            T0,
            due,
            null,
            null,
            null,
            null);
    inbox.insert(later);

    assertThat(second.claim(due.minus(1, ChronoUnit.MICROS), 10, CLAIM)).isEmpty();
    assertThat(second.claim(due, 10, CLAIM)).extracting(InboxEvent::id).containsExactly(later.id());
  }

  @Test
  void a_claimed_event_is_not_claimed_again_while_its_claim_lasts() {
    inbox.insert(received("evt_1", T0));
    assertThat(inbox.claim(T0, 10, CLAIM)).hasSize(1);

    assertThat(second.claim(T0.plus(CLAIM).minus(1, ChronoUnit.MICROS), 10, CLAIM)).isEmpty();
  }

  @Test
  void an_expired_claim_is_taken_over_and_the_old_holder_can_no_longer_settle_it() {
    inbox.insert(received("evt_1", T0));
    InboxEvent first = inbox.claim(T0, 1, CLAIM).get(0);
    Instant later = T0.plus(CLAIM).plusSeconds(1);

    List<InboxEvent> takenOver = second.claim(later, 1, CLAIM);

    assertThat(takenOver).hasSize(1);
    InboxEvent successor = takenOver.get(0);
    assertThat(successor.id()).isEqualTo(first.id());
    assertThat(successor.claimToken()).isNotEqualTo(first.claimToken());
    assertThat(successor.attempts()).isEqualTo(2);
    assertThat(successor.claimedUntil()).isEqualTo(later.plus(CLAIM));
    assertThat(inbox.markProcessed(first, later)).isFalse();
    assertThat(inbox.markFailed(first, "late worker", later.plusSeconds(60))).isFalse();
    assertThat(inbox.markDead(first, "late worker", later)).isFalse();
    assertThat(inbox.find(first.id())).contains(successor);
    assertThat(second.markProcessed(successor, later)).isTrue();
  }

  @Test
  void mark_processed_settles_a_claimed_event_for_good() {
    inbox.insert(received("evt_1", T0));
    InboxEvent claimed = inbox.claim(T0, 1, CLAIM).get(0);
    Instant done = T0.plusSeconds(2);

    assertThat(second.markProcessed(claimed, done)).isTrue();

    InboxEvent stored = inbox.find(claimed.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(InboxEvent.Status.PROCESSED);
    assertThat(stored.processedAt()).isEqualTo(done);
    assertThat(inbox.claim(T0.plus(Duration.ofDays(1)), 10, CLAIM)).isEmpty();
    assertThat(inbox.markProcessed(claimed, done.plusSeconds(1))).isFalse();
  }

  @Test
  void an_event_that_was_never_claimed_cannot_be_settled() {
    InboxEvent pending = received("evt_1", T0);
    inbox.insert(pending);

    assertThat(second.markProcessed(pending, T0.plusSeconds(1))).isFalse();

    assertThat(inbox.find(pending.id())).contains(pending);
  }

  @Test
  void mark_failed_puts_the_event_back_pending_due_later_with_its_error() {
    inbox.insert(received("evt_1", T0));
    InboxEvent claimed = inbox.claim(T0, 1, CLAIM).get(0);
    Instant retryAt = T0.plusSeconds(60);

    assertThat(second.markFailed(claimed, "payment not known yet", retryAt)).isTrue();

    InboxEvent stored = inbox.find(claimed.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(InboxEvent.Status.PENDING);
    assertThat(stored.nextAttemptAt()).isEqualTo(retryAt);
    assertThat(stored.error()).contains("payment not known yet");
    assertThat(stored.attempts()).isEqualTo(1);
    assertThat(inbox.claim(retryAt.minus(1, ChronoUnit.MICROS), 10, CLAIM)).isEmpty();
    assertThat(inbox.claim(retryAt, 10, CLAIM))
        .singleElement()
        .satisfies(again -> assertThat(again.attempts()).isEqualTo(2));
  }

  @Test
  void mark_dead_moves_the_event_to_the_dead_letters() {
    inbox.insert(received("evt_1", T0));
    InboxEvent claimed = inbox.claim(T0, 1, CLAIM).get(0);

    assertThat(second.markDead(claimed, "gave up after 1 attempt", T0.plusSeconds(2))).isTrue();

    InboxEvent stored = inbox.find(claimed.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(InboxEvent.Status.DEAD);
    assertThat(stored.error()).contains("gave up after 1 attempt");
    assertThat(inbox.deadLetters(10)).containsExactly(stored);
    assertThat(inbox.claim(T0.plus(Duration.ofDays(1)), 10, CLAIM)).isEmpty();
  }

  @Test
  void release_gives_a_claimed_event_back_as_it_was_before_the_claim() {
    InboxEvent event = received("evt_1", T0);
    inbox.insert(event);
    Instant now = T0.plusSeconds(1);
    InboxEvent claimed = inbox.claim(now, 1, CLAIM).get(0);

    assertThat(second.release(claimed)).isTrue();

    assertThat(inbox.find(event.id())).contains(event);
    assertThat(inbox.claim(now, 10, CLAIM))
        .singleElement()
        .satisfies(again -> assertThat(again.attempts()).isEqualTo(1));
  }

  @Test
  void release_keeps_the_due_time_and_the_error_of_the_attempt_before() {
    inbox.insert(received("evt_1", T0));
    Instant retryAt = T0.plusSeconds(60);
    inbox.markFailed(inbox.claim(T0, 1, CLAIM).get(0), "payment not known yet", retryAt);
    InboxEvent again = inbox.claim(retryAt, 1, CLAIM).get(0);

    assertThat(second.release(again)).isTrue();

    InboxEvent stored = inbox.find(again.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(InboxEvent.Status.PENDING);
    assertThat(stored.attempts()).isEqualTo(1);
    assertThat(stored.nextAttemptAt()).isEqualTo(retryAt);
    assertThat(stored.error()).contains("payment not known yet");
    assertThat(stored.claimToken()).isNull();
    assertThat(stored.claimedUntil()).isNull();
  }

  @Test
  void a_claim_that_was_taken_over_can_no_longer_release_the_event() {
    inbox.insert(received("evt_1", T0));
    InboxEvent first = inbox.claim(T0, 1, CLAIM).get(0);
    InboxEvent successor = second.claim(T0.plus(CLAIM).plusSeconds(1), 1, CLAIM).get(0);

    assertThat(inbox.release(first)).isFalse();

    assertThat(inbox.find(first.id())).contains(successor);
  }

  @Test
  void an_event_that_is_not_claimed_cannot_be_released() {
    inbox.insert(received("evt_done", T0));
    InboxEvent done = inbox.claim(T0, 1, CLAIM).get(0);
    inbox.markProcessed(done, T0.plusSeconds(1));
    InboxEvent processed = inbox.find(done.id()).orElseThrow();
    InboxEvent pending = received("evt_pending", T0.plusSeconds(2));
    inbox.insert(pending);

    assertThat(second.release(pending)).isFalse();
    assertThat(second.release(done)).isFalse();

    assertThat(inbox.find(pending.id())).contains(pending);
    assertThat(inbox.find(done.id())).contains(processed);
  }

  @Test
  void dead_letters_are_listed_oldest_first_up_to_the_limit() {
    for (int i : List.of(3, 1, 2)) {
      inbox.insert(received("evt_" + i, T0.plusSeconds(i)));
    }
    inbox.insert(received("evt_pending", T0.plusSeconds(30)));
    for (InboxEvent claimed : inbox.claim(T0.plusSeconds(10), 10, CLAIM)) {
      inbox.markDead(claimed, "broken", T0.plusSeconds(11));
    }

    assertThat(second.deadLetters(2))
        .extracting(e -> e.id().value())
        .containsExactly("evt_1", "evt_2");
    assertThat(second.deadLetters(10)).hasSize(3);
  }

  @Test
  void replay_sends_a_dead_event_back_pending_due_now_with_attempts_reset() {
    inbox.insert(received("evt_1", T0));
    InboxEvent claimed = inbox.claim(T0, 1, CLAIM).get(0);
    inbox.markDead(claimed, "broken", T0.plusSeconds(1));
    Instant now = T0.plusSeconds(100);

    assertThat(second.replay(claimed.id(), now)).isTrue();

    InboxEvent stored = inbox.find(claimed.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(InboxEvent.Status.PENDING);
    assertThat(stored.attempts()).isZero();
    assertThat(stored.nextAttemptAt()).isEqualTo(now);
    assertThat(inbox.deadLetters(10)).isEmpty();
    assertThat(inbox.claim(now, 10, CLAIM))
        .singleElement()
        .satisfies(again -> assertThat(again.attempts()).isEqualTo(1));
  }

  @Test
  void replay_of_an_event_that_is_not_dead_is_refused() {
    InboxEvent pending = received("evt_1", T0);
    inbox.insert(pending);

    assertThat(second.replay(pending.id(), T0.plusSeconds(1))).isFalse();
    assertThat(second.replay(new EventId("evt_unknown"), T0.plusSeconds(1))).isFalse();

    assertThat(inbox.find(pending.id())).contains(pending);
  }

  @Test
  void the_backlog_of_an_empty_inbox_is_nothing_waiting_for_no_time() {
    assertThat(inbox.backlog(T0)).isEqualTo(InboxBacklog.EMPTY);
  }

  @Test
  void the_backlog_counts_pending_and_processing_as_waiting_dead_apart_and_ages_the_oldest() {
    inbox.insert(received("evt_done", T0));
    inbox.markProcessed(inbox.claim(T0, 1, CLAIM).get(0), T0.plusSeconds(1));
    inbox.insert(received("evt_dead", T0.plusSeconds(2)));
    inbox.markDead(inbox.claim(T0.plusSeconds(2), 1, CLAIM).get(0), "no payment", T0);
    inbox.insert(received("evt_held", T0.plusSeconds(10)));
    inbox.claim(T0.plusSeconds(10), 1, CLAIM);
    inbox.insert(received("evt_pending", T0.plusSeconds(20)));

    assertThat(second.backlog(T0.plusSeconds(70)))
        .isEqualTo(new InboxBacklog(2, 1, Duration.ofSeconds(60)));
  }

  @Test
  void the_backlog_of_an_inbox_holding_only_processed_and_dead_events_has_no_age() {
    inbox.insert(received("evt_done", T0));
    inbox.markProcessed(inbox.claim(T0, 1, CLAIM).get(0), T0.plusSeconds(1));
    inbox.insert(received("evt_dead", T0.plusSeconds(2)));
    inbox.markDead(inbox.claim(T0.plusSeconds(2), 1, CLAIM).get(0), "no payment", T0);

    assertThat(second.backlog(T0.plus(Duration.ofDays(1))))
        .isEqualTo(new InboxBacklog(0, 1, Duration.ZERO));
  }

  @Test
  void purge_deletes_only_events_processed_before_the_cutoff() {
    for (int i = 1; i <= 4; i++) {
      inbox.insert(received("evt_" + i, T0.plusMillis(i)));
    }
    List<InboxEvent> claimed = inbox.claim(T0.plusSeconds(1), 3, CLAIM);
    inbox.markProcessed(claimed.get(0), T0.plusSeconds(10));
    inbox.markProcessed(claimed.get(1), T0.plusSeconds(20));
    inbox.markDead(claimed.get(2), "broken", T0.plusSeconds(5));

    assertThat(second.purgeProcessed(T0.plusSeconds(20))).isEqualTo(1);

    assertThat(inbox.find(new EventId("evt_1"))).isEmpty();
    assertThat(inbox.find(new EventId("evt_2"))).isPresent();
    assertThat(inbox.find(new EventId("evt_3"))).isPresent();
    assertThat(inbox.find(new EventId("evt_4"))).isPresent();
  }

  @Test
  void concurrent_claims_never_overlap_and_every_event_is_claimed_exactly_once() {
    int events = 120;
    for (int i = 0; i < events; i++) {
      inbox.insert(received(String.format("evt_%03d", i), T0.plus(i, ChronoUnit.MICROS)));
    }
    Instant now = T0.plusSeconds(1);

    List<Attempt<List<EventId>>> attempts =
        Concurrently.run(
            8,
            i ->
                () -> {
                  List<EventId> mine = new ArrayList<>();
                  List<InboxEvent> batch;
                  do {
                    batch = instance(i).claim(now, 5, CLAIM);
                    batch.forEach(event -> mine.add(event.id()));
                  } while (!batch.isEmpty());
                  return mine;
                });

    assertThat(attempts).allMatch(Attempt::succeeded);
    List<EventId> claimed = attempts.stream().flatMap(attempt -> attempt.value().stream()).toList();
    assertThat(claimed).hasSize(events).doesNotHaveDuplicates();
  }

  @Test
  void an_event_whose_attempts_are_used_up_is_dead_lettered_at_its_next_claim_not_handed_out() {
    inbox.insert(received("evt_1", T0));
    // Two claims whose workers never settled the event: the claim runs out each time.
    assertThat(inbox.claim(T0, 1, CLAIM, 2)).hasSize(1);
    Instant later = T0.plus(CLAIM).plusSeconds(1);
    InboxEvent last = second.claim(later, 1, CLAIM, 2).get(0);
    assertThat(last.attempts()).isEqualTo(2);
    Instant afterLast = later.plus(CLAIM).plusSeconds(1);
    inbox.insert(received("evt_2", afterLast));

    List<InboxEvent> claimed = second.claim(afterLast, 10, CLAIM, 2);

    assertThat(claimed).extracting(e -> e.id().value()).containsExactly("evt_2");
    InboxEvent dead = inbox.find(last.id()).orElseThrow();
    assertThat(dead.status()).isEqualTo(InboxEvent.Status.DEAD);
    assertThat(dead.attempts()).isEqualTo(2);
    assertThat(dead.claimToken()).isNull();
    assertThat(dead.error())
        .hasValueSatisfying(error -> assertThat(error).contains("all 2 attempts"));
    assertThat(inbox.deadLetters(10)).containsExactly(dead);
    assertThat(inbox.markFailed(last, "late worker", afterLast.plusSeconds(60))).isFalse();
    assertThat(inbox.markProcessed(claimed.get(0), afterLast)).isTrue();
    assertThat(inbox.claim(afterLast.plus(Duration.ofDays(1)), 10, CLAIM, 2)).isEmpty();
  }

  @Test
  void an_event_dead_lettered_at_its_claim_keeps_its_last_recorded_error_and_can_be_replayed() {
    inbox.insert(received("evt_1", T0));
    Instant retryAt = T0.plusSeconds(60);
    inbox.markFailed(inbox.claim(T0, 1, CLAIM, 1).get(0), "no refund known for re_1", retryAt);

    assertThat(second.claim(retryAt, 10, CLAIM, 1)).isEmpty();

    InboxEvent dead = inbox.find(new EventId("evt_1")).orElseThrow();
    assertThat(dead.status()).isEqualTo(InboxEvent.Status.DEAD);
    assertThat(dead.error())
        .hasValueSatisfying(
            error -> assertThat(error).contains("given up").contains("no refund known for re_1"));
    assertThat(second.replay(dead.id(), retryAt.plusSeconds(1))).isTrue();
    assertThat(inbox.claim(retryAt.plusSeconds(1), 10, CLAIM, 1))
        .singleElement()
        .satisfies(again -> assertThat(again.attempts()).isEqualTo(1));
  }

  @Test
  void an_event_within_its_attempts_is_claimed_as_usual() {
    inbox.insert(received("evt_1", T0));
    Instant retryAt = T0.plusSeconds(60);
    inbox.markFailed(inbox.claim(T0, 1, CLAIM, 2).get(0), "payment not known yet", retryAt);

    assertThat(second.claim(retryAt, 10, CLAIM, 2))
        .singleElement()
        .satisfies(again -> assertThat(again.attempts()).isEqualTo(2));
  }

  @Test
  void a_claim_with_fewer_than_one_attempt_allowed_is_refused() {
    assertThatThrownBy(() -> inbox.claim(T0, 10, CLAIM, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxAttempts");
  }

  @Test
  void an_error_holding_a_nul_and_control_characters_is_recorded_with_them_written_out() {
    inbox.insert(received("evt_1", T0));
    InboxEvent claimed = inbox.claim(T0, 1, CLAIM).get(0);
    Instant retryAt = T0.plusSeconds(60);
    String error = "no refund known for provider refund re_\u0000x\u001b[31m\nsecond line\tend";

    assertThat(second.markFailed(claimed, error, retryAt)).isTrue();

    InboxEvent stored = inbox.find(claimed.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(InboxEvent.Status.PENDING);
    assertThat(stored.error())
        .contains("no refund known for provider refund re_\\u0000x\\u001b[31m\nsecond line\tend");
    InboxEvent again = inbox.claim(retryAt, 1, CLAIM).get(0);
    assertThat(second.markDead(again, error, retryAt.plusSeconds(1))).isTrue();
    assertThat(inbox.deadLetters(10))
        .singleElement()
        .satisfies(dead -> assertThat(dead.lastError()).doesNotContain("\u0000"));
  }

  @Test
  void an_error_of_any_length_is_recorded_cut_to_the_longest_an_inbox_keeps() {
    inbox.insert(received("evt_1", T0));
    InboxEvent claimed = inbox.claim(T0, 1, CLAIM).get(0);
    String error = "lookup failed: " + "x".repeat(1_000_000);

    assertThat(second.markFailed(claimed, error, T0.plusSeconds(60))).isTrue();

    String stored = inbox.find(claimed.id()).orElseThrow().lastError();
    assertThat(stored)
        .hasSize(InboxEvent.MAX_ERROR_LENGTH)
        .startsWith("lookup failed: xxx")
        .endsWith("\u2026");
  }

  private WebhookInbox instance(int index) {
    return index % 2 == 0 ? inbox : second;
  }

  private static InboxEvent received(String id, Instant at) {
    return InboxEvent.received(new EventId(id), TYPE, "{\"id\":\"" + id + "\"}", at);
  }
}
