package dev.paykit.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.adapter.inmemory.InMemoryStores;
import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Outcome;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ProviderReport;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.payment.TransitionResult;
import dev.paykit.domain.payment.TransitionSource;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.Stores;
import dev.paykit.testkit.Concurrently;
import dev.paykit.testkit.PaymentSamples;
import dev.paykit.testkit.flows.FlowClock;
import dev.paykit.testkit.flows.RecordingObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one optimistic writer under real threads. Every writer starts from the same stale copy (as
 * verification and the reconciler do), so all but one lose their first attempt and must read again
 * and re-apply their step to what the others left. Run on the in-memory unit of work, whose phases
 * take turns, and on one whose phases interleave, as transactions relying on optimistic locking do:
 * each report must land exactly once either way, and observers hear of each kept write once.
 */
class OptimisticWriterTest {
  private static final int THREADS = 16;
  private static final int ROUNDS = 20;
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  /** What the threads report, a mix of moves, duplicates, stale and contradicting reports. */
  private static final List<ProviderStatus> SAID =
      List.of(
          ProviderStatus.IN_PROGRESS,
          ProviderStatus.IN_PROGRESS,
          ProviderStatus.STARTED,
          ProviderStatus.CONFIRMED,
          ProviderStatus.IN_PROGRESS,
          ProviderStatus.CONFIRMED,
          ProviderStatus.EXPIRED,
          ProviderStatus.STARTED);

  private final FlowClock clock = new FlowClock(T0);
  private final RecordingObserver observer = new RecordingObserver();

  static Stream<Arguments> unitsOfWork() {
    return Stream.of(
        Arguments.of("phases taking turns", (Supplier<Stores>) InMemoryStores::new),
        Arguments.of(
            "phases interleaving",
            (Supplier<Stores>)
                () -> {
                  InMemoryStores memory = new InMemoryStores();
                  return StoresOf.under(memory, StoresOf.passThrough());
                }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unitsOfWork")
  void threads_writing_different_reports_from_one_stale_copy_each_land_exactly_once(
      String name, Supplier<Stores> family) {
    Stores stores = family.get();
    OptimisticWriter writer = new OptimisticWriter(stores, observer, clock);
    for (int round = 0; round < ROUNDS; round++) {
      Payment started = started(stores, "pay_" + round);
      List<HistoryEntry> before = stores.payments().history(started.id());
      AtomicInteger steps = new AtomicInteger();

      List<Concurrently.Attempt<Boolean>> attempts =
          Concurrently.run(
              THREADS,
              i -> {
                ProviderReport report = webhook(started, SAID.get(i % SAID.size()), "evt_" + i);
                return () ->
                    writer
                        .payment(
                            () -> Optional.of(started),
                            current -> {
                              steps.incrementAndGet();
                              return Optional.of(current.apply(report, clock.instant()));
                            },
                            (current, next) -> {})
                        .orElseThrow()
                        .step()
                        .isPresent();
              });

      assertThat(attempts).allSatisfy(a -> assertThat(a.value()).as("%s", a.failure()).isTrue());
      // Every first attempt appends to the stale copy's version, and only one of them can.
      assertThat(steps.get()).isGreaterThanOrEqualTo(2 * THREADS - 1);
      Payment after = stores.payments().findById(started.id()).orElseThrow();
      List<HistoryEntry> history = stores.payments().history(started.id());
      assertWellFormed(after, history);
      assertThat(history).startsWith(before.toArray(HistoryEntry[]::new));
      List<HistoryEntry> reported = history.subList(before.size(), history.size());
      assertThat(reported)
          .allSatisfy(e -> assertThat(e.source()).isEqualTo(TransitionSource.WEBHOOK));
      assertThat(reported.stream().mapToInt(HistoryEntry::timesSaid).sum()).isEqualTo(THREADS);
      assertThat(after.state()).isEqualTo(lastApplied(history));
      assertThat(transitionsOf(after)).hasSize(THREADS);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unitsOfWork")
  void threads_repeating_one_report_from_one_stale_copy_all_count_on_one_entry(
      String name, Supplier<Stores> family) {
    Stores stores = family.get();
    OptimisticWriter writer = new OptimisticWriter(stores, observer, clock);
    Payment started = started(stores, "pay_1");
    // The first duplicate is an entry of its own; each one after it is a repeat of that entry.
    Payment duplicated =
        writer
            .payment(
                () -> Optional.of(started),
                current ->
                    Optional.of(
                        current.apply(
                            webhook(started, ProviderStatus.STARTED, "evt_first"),
                            clock.instant())),
                (current, next) -> {})
            .flatMap(OptimisticWriter.Written::step)
            .map(TransitionResult::payment)
            .orElseThrow();
    clock.advance(Duration.ofSeconds(1));

    List<Concurrently.Attempt<Boolean>> attempts =
        Concurrently.run(
            THREADS,
            i -> {
              ProviderReport report = webhook(started, ProviderStatus.STARTED, "evt_" + i);
              return () ->
                  writer
                      .payment(
                          () -> Optional.of(started),
                          current -> Optional.of(current.apply(report, clock.instant())),
                          (current, next) -> {})
                      .flatMap(OptimisticWriter.Written::step)
                      .map(step -> step instanceof TransitionResult.Repeated)
                      .orElse(false);
            });

    assertThat(attempts).allSatisfy(a -> assertThat(a.value()).as("%s", a.failure()).isTrue());
    Payment after = stores.payments().findById(started.id()).orElseThrow();
    List<HistoryEntry> history = stores.payments().history(started.id());
    assertWellFormed(after, history);
    assertThat(after.version()).isEqualTo(duplicated.version());
    assertThat(history.get(history.size() - 1))
        .satisfies(e -> assertThat(e.outcome()).isEqualTo(Outcome.DUPLICATE))
        .satisfies(e -> assertThat(e.eventId()).isEqualTo("evt_first"))
        .satisfies(e -> assertThat(e.repeats()).isEqualTo(THREADS));
    assertThat(transitionsOf(after)).hasSize(THREADS + 1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unitsOfWork")
  void a_write_that_lost_is_re_applied_to_what_the_other_writer_left(
      String name, Supplier<Stores> family) {
    Stores stores = family.get();
    OptimisticWriter writer = new OptimisticWriter(stores, observer, clock);
    Payment started = started(stores, "pay_1");
    Payment inProgress =
        started.apply(webhook(started, ProviderStatus.IN_PROGRESS, "evt_other"), T0).payment();
    assertThat(stores.payments().update(inProgress, started.version())).isTrue();
    List<Payment> seen = new ArrayList<>();

    Optional<OptimisticWriter.Written<Payment, TransitionResult>> written =
        writer.payment(
            () -> Optional.of(started),
            current -> {
              seen.add(current);
              return Optional.of(
                  current.apply(webhook(started, ProviderStatus.CONFIRMED, "evt_mine"), T0));
            },
            (current, next) -> {});

    assertThat(seen).extracting(Payment::version).containsExactly(1L, 2L);
    assertThat(written.orElseThrow().before()).isEqualTo(inProgress);
    Payment after = stores.payments().findById(started.id()).orElseThrow();
    assertThat(after.state()).isEqualTo(PaymentState.SUCCEEDED);
    assertThat(stores.payments().history(started.id()))
        .extracting(HistoryEntry::reported)
        .containsExactly(
            PaymentState.CREATED,
            PaymentState.STARTED,
            PaymentState.IN_PROGRESS,
            PaymentState.SUCCEEDED);
    assertThat(transitionsOf(after))
        .singleElement()
        .satisfies(t -> assertThat(t.payment()).isEqualTo(after));
  }

  /** Sequences 0 to the version without a gap, and the payment carries the last entry. */
  private static void assertWellFormed(Payment payment, List<HistoryEntry> history) {
    assertThat(history)
        .extracting(HistoryEntry::sequence)
        .containsExactlyElementsOf(LongStream.rangeClosed(0, payment.version()).boxed().toList());
    assertThat(payment.latest()).isEqualTo(history.get(history.size() - 1));
  }

  private static PaymentState lastApplied(List<HistoryEntry> history) {
    PaymentState state = null;
    for (HistoryEntry entry : history) {
      if (entry.outcome() == Outcome.APPLIED) {
        state = entry.reported();
      }
    }
    return state;
  }

  private List<PaykitEvent.PaymentTransition> transitionsOf(Payment payment) {
    return observer.events(PaykitEvent.PaymentTransition.class).stream()
        .filter(t -> t.payment().id().equals(payment.id()))
        .toList();
  }

  /** A stored payment the provider has started: version 1, two history entries. */
  private static Payment started(Stores stores, String id) {
    Payment created = PaymentSamples.created(id, "order-" + id, T0);
    stores.payments().insert(created);
    Payment started = PaymentSamples.moved(created, PaymentState.STARTED, T0);
    assertThat(stores.payments().update(started, created.version())).isTrue();
    return started;
  }

  private static ProviderReport webhook(Payment payment, ProviderStatus status, String eventId) {
    return ProviderReport.fromWebhook(
        PaymentSamples.providerPayment(payment, status, null, T0), eventId);
  }
}
