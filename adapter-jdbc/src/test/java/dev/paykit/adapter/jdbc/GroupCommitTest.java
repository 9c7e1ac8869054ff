package dev.paykit.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Group commit with real threads. The first caller's write is held open on a latch, so that the
 * callers started meanwhile are certainly queued (each is seen waiting in its turn) before it ends.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GroupCommitTest {
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<String> singles = Collections.synchronizedList(new ArrayList<>());
  private final List<List<String>> groups = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch firstWriteMayEnd = new CountDownLatch(1);
  private final AtomicBoolean holdFirst = new AtomicBoolean(true);
  private final List<Thread> callers = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void stopThreads() {
    firstWriteMayEnd.countDown();
    threads.shutdownNow();
  }

  /** Rows named "old…" were there before; every other row is new. */
  private boolean single(String row) {
    if (holdFirst.getAndSet(false)) {
      await(firstWriteMayEnd);
    }
    singles.add(row);
    return !row.startsWith("old");
  }

  private boolean[] group(List<String> rows) {
    groups.add(List.copyOf(rows));
    boolean[] fresh = new boolean[rows.size()];
    for (int i = 0; i < fresh.length; i++) {
      fresh[i] = !rows.get(i).startsWith("old");
    }
    return fresh;
  }

  @Test
  void a_caller_that_finds_nobody_writing_writes_its_row_alone_at_once() {
    holdFirst.set(false);
    GroupCommit<String> commit = new GroupCommit<>(64, this::single, this::group);

    assertThat(commit.write("a")).isTrue();
    assertThat(commit.write("old-b")).isFalse();

    assertThat(singles).containsExactly("a", "old-b");
    assertThat(groups).isEmpty();
  }

  @Test
  void callers_that_arrive_during_a_write_are_written_together_in_one_group_after_it() {
    GroupCommit<String> commit = new GroupCommit<>(64, this::single, this::group);
    Future<Boolean> first = start(commit, "first");
    awaitWriting();
    List<Future<Boolean>> queued = new ArrayList<>();
    for (String row : List.of("r1", "old-r2", "r3", "r4", "old-r5")) {
      queued.add(start(commit, row));
    }
    awaitQueued(5);

    firstWriteMayEnd.countDown();

    assertThat(answer(first)).isTrue();
    assertThat(queued.stream().map(GroupCommitTest::answer))
        .containsExactly(true, false, true, true, false);
    assertThat(singles).containsExactly("first");
    assertThat(groups).singleElement().satisfies(g -> assertThat(g).hasSize(5));
    assertThat(groups.get(0)).containsExactlyInAnyOrder("r1", "old-r2", "r3", "r4", "old-r5");
  }

  @Test
  void a_group_holds_at_most_the_limit_and_the_turn_passes_on_until_nobody_waits() {
    GroupCommit<String> commit = new GroupCommit<>(2, this::single, this::group);
    Future<Boolean> first = start(commit, "first");
    awaitWriting();
    List<Future<Boolean>> queued = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      queued.add(start(commit, "r" + i));
    }
    awaitQueued(5);

    firstWriteMayEnd.countDown();

    assertThat(answer(first)).isTrue();
    assertThat(queued).allSatisfy(f -> assertThat(answer(f)).isTrue());
    assertThat(groups).extracting(List::size).containsExactly(2, 2);
    assertThat(singles).as("the first, then the one row left after two groups").hasSize(2);
    // Nobody is left writing: the next caller again writes alone, at once.
    assertThat(commit.write("later")).isTrue();
    assertThat(singles).hasSize(3).last().isEqualTo("later");
  }

  @Test
  void when_a_group_fails_each_caller_writes_its_own_row_alone_and_sees_its_own_outcome() {
    GroupCommit<String> commit =
        new GroupCommit<>(
            64,
            row -> {
              if (row.equals("poison")) {
                throw new IllegalArgumentException("this row cannot be stored");
              }
              return single(row);
            },
            rows -> {
              groups.add(List.copyOf(rows));
              throw new IllegalStateException("the group's transaction failed");
            });
    Future<Boolean> first = start(commit, "first");
    awaitWriting();
    Future<Boolean> good = start(commit, "good");
    Future<Boolean> poison = start(commit, "poison");
    Future<Boolean> old = start(commit, "old-one");
    awaitQueued(3);

    firstWriteMayEnd.countDown();

    assertThat(answer(first)).isTrue();
    assertThat(answer(good)).isTrue();
    assertThat(answer(old)).isFalse();
    assertThatThrownBy(poison::get)
        .hasCauseInstanceOf(IllegalArgumentException.class)
        .hasRootCauseMessage("this row cannot be stored");
    assertThat(groups).singleElement().satisfies(g -> assertThat(g).hasSize(3));
    assertThat(singles).containsExactlyInAnyOrder("first", "good", "old-one");
  }

  @Test
  void a_group_that_cannot_tell_which_rows_were_new_leaves_each_row_to_its_caller() {
    GroupCommit<String> commit =
        new GroupCommit<>(
            64,
            this::single,
            rows -> {
              groups.add(List.copyOf(rows));
              throw new GroupCommit.CannotTell("no counts");
            });
    Future<Boolean> first = start(commit, "first");
    awaitWriting();
    Future<Boolean> a = start(commit, "a");
    Future<Boolean> b = start(commit, "old-b");
    awaitQueued(2);

    firstWriteMayEnd.countDown();

    assertThat(answer(first)).isTrue();
    assertThat(answer(a)).isTrue();
    assertThat(answer(b)).isFalse();
    assertThat(singles).containsExactlyInAnyOrder("first", "a", "old-b");
  }

  @Test
  void a_failed_write_of_a_row_alone_reaches_its_caller_unchanged() {
    holdFirst.set(false);
    IllegalStateException failure = new IllegalStateException("the database is gone");
    GroupCommit<String> commit =
        new GroupCommit<>(
            64,
            row -> {
              throw failure;
            },
            this::group);

    assertThatThrownBy(() -> commit.write("a")).isSameAs(failure);
    assertThatThrownBy(() -> commit.write("b")).isSameAs(failure);
  }

  @Test
  void a_queued_caller_that_is_interrupted_still_gets_its_rows_outcome_and_keeps_the_interrupt() {
    GroupCommit<String> commit = new GroupCommit<>(64, this::single, this::group);
    Future<Boolean> first = start(commit, "first");
    awaitWriting();
    Future<Boolean[]> interrupted =
        threads.submit(
            () -> {
              callers.add(Thread.currentThread());
              boolean fresh = commit.write("r1");
              return new Boolean[] {fresh, Thread.currentThread().isInterrupted()};
            });
    awaitQueued(1);
    callers.get(callers.size() - 1).interrupt();

    firstWriteMayEnd.countDown();

    assertThat(answer(first)).isTrue();
    assertThat(Arrays.asList(answer(interrupted))).containsExactly(true, true);
    assertThat(singles).containsExactly("first", "r1");
  }

  @Test
  void a_limit_below_one_is_refused() {
    assertThatThrownBy(() -> new GroupCommit<>(0, this::single, this::group))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit was 0");
  }

  private Future<Boolean> start(GroupCommit<String> commit, String row) {
    return threads.submit(
        () -> {
          callers.add(Thread.currentThread());
          return commit.write(row);
        });
  }

  /** Waits until the first caller is inside its write, held on the latch. */
  private void awaitWriting() {
    while (holdFirst.get()) {
      Thread.onSpinWait();
    }
  }

  /** Waits until {@code count} callers besides the first wait in the queue for their turn. */
  private void awaitQueued(int count) {
    while (callers.size() < count + 1 || waitingInTheirTurn() < count) {
      Thread.onSpinWait();
    }
  }

  private long waitingInTheirTurn() {
    List<Thread> snapshot;
    synchronized (callers) {
      snapshot = List.copyOf(callers);
    }
    return snapshot.stream()
        .filter(
            thread ->
                Arrays.stream(thread.getStackTrace())
                    .anyMatch(frame -> frame.getMethodName().equals("awaitTurn")))
        .count();
  }

  private static <T> T answer(Future<T> future) {
    try {
      return future.get();
    } catch (Exception e) {
      throw new AssertionError("the caller failed", e);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while holding the first write", e);
    }
  }
}
