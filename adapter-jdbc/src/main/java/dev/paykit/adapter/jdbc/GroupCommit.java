package dev.paykit.adapter.jdbc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Rows that concurrent callers write one each, committed together: the group commit a database does
 * for its log, done one level up so that the rows share one transaction, one round trip of
 * statements and one commit instead of paying each of them per row. No thread of its own and no
 * wait for company: a caller that finds nobody writing writes at once, alone; callers that arrive
 * while a write is under way queue, and when it ends the first of them writes for all that queued
 * (up to {@code limit}). A caller returns only when its row is committed or its write failed, so
 * acknowledging a row after {@link #write} returns loses nothing.
 *
 * <p>A failed group costs no row its own chance: each of its callers then writes its row alone, in
 * a transaction of its own, and sees its own outcome; a row that cannot be stored fails only its
 * own caller. So does a group whose writer cannot tell which rows were new (a driver that rewrites
 * batches and reports no counts).
 *
 * @param <R> a row
 */
final class GroupCommit<R> {

  /** Writes one row in a transaction of its own; true if it was new. */
  @FunctionalInterface
  interface Single<R> {
    boolean write(R row);
  }

  /**
   * Writes rows in one transaction; for each, in order, whether it was new. Throws {@link
   * CannotTell}, having changed nothing, when it cannot say.
   */
  @FunctionalInterface
  interface Group<R> {
    boolean[] write(List<R> rows);
  }

  /** A group writer's word that it rolled back because it could not tell which rows were new. */
  static final class CannotTell extends RuntimeException {
    CannotTell(String message) {
      super(message, null, false, false);
    }
  }

  private final int limit;
  private final Single<R> single;
  private final Group<R> group;
  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Caller<R>> queue = new ArrayDeque<>();
  private boolean writing;

  GroupCommit(int limit, Single<R> single, Group<R> group) {
    if (limit < 1) {
      throw new IllegalArgumentException("a group holds at least one row, limit was " + limit);
    }
    this.limit = limit;
    this.single = Objects.requireNonNull(single, "single");
    this.group = Objects.requireNonNull(group, "group");
  }

  /** Writes {@code row}, with whatever rows other callers write meanwhile; true if it was new. */
  boolean write(R row) {
    Caller<R> me = new Caller<>(Objects.requireNonNull(row, "row"));
    boolean first;
    lock.lock();
    try {
      queue.addLast(me);
      first = !writing;
      writing = true;
    } finally {
      lock.unlock();
    }
    if (first || me.awaitTurn()) {
      writeForTheQueue();
    }
    return me.outcome(single);
  }

  /** Runs on the caller at the head of the queue: writes its group, then hands the turn on. */
  private void writeForTheQueue() {
    List<Caller<R>> taken = new ArrayList<>();
    lock.lock();
    try {
      while (taken.size() < limit && !queue.isEmpty()) {
        taken.add(queue.pollFirst());
      }
    } finally {
      lock.unlock();
    }
    try {
      if (taken.size() == 1) {
        Caller<R> only = taken.get(0);
        only.settle(single.write(only.row));
      } else {
        List<R> rows = new ArrayList<>(taken.size());
        taken.forEach(caller -> rows.add(caller.row));
        boolean[] fresh = group.write(rows);
        if (fresh.length != rows.size()) {
          throw new IllegalStateException(
              "a group of " + rows.size() + " rows was answered for " + fresh.length);
        }
        for (int i = 0; i < fresh.length; i++) {
          taken.get(i).settle(fresh[i]);
        }
      }
    } catch (RuntimeException e) {
      if (taken.size() == 1) {
        taken.get(0).fail(e);
      }
    } finally {
      // Whatever was not settled, an Error included, is written again by its own caller.
      taken.forEach(Caller::aloneUnlessSettled);
      lock.lock();
      try {
        Caller<R> next = queue.peekFirst();
        if (next == null) {
          writing = false;
        } else {
          next.takeTurn();
        }
      } finally {
        lock.unlock();
      }
    }
  }

  /** One caller's row and what became of it. */
  private static final class Caller<R> {
    private enum State {
      QUEUED,
      TURN,
      WRITTEN,
      ALONE,
      FAILED
    }

    final R row;
    private State state = State.QUEUED;
    private boolean fresh;
    private RuntimeException failure;

    Caller(R row) {
      this.row = row;
    }

    /**
     * Waits until the row is written or it is this caller's turn to write; true for the turn. Not
     * interruptible: the write under way ends on its own, and leaving the queue early would leave a
     * row that is committed after its caller was told it failed.
     */
    synchronized boolean awaitTurn() {
      boolean interrupted = false;
      while (state == State.QUEUED) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      return state == State.TURN;
    }

    synchronized void takeTurn() {
      state = State.TURN;
      notifyAll();
    }

    synchronized void settle(boolean wasNew) {
      fresh = wasNew;
      state = State.WRITTEN;
      notifyAll();
    }

    synchronized void fail(RuntimeException e) {
      failure = e;
      state = State.FAILED;
      notifyAll();
    }

    synchronized void aloneUnlessSettled() {
      if (state != State.WRITTEN && state != State.FAILED) {
        state = State.ALONE;
        notifyAll();
      }
    }

    boolean outcome(Single<R> single) {
      State settled;
      synchronized (this) {
        settled = state;
      }
      return switch (settled) {
        case WRITTEN -> fresh;
        case FAILED -> throw failure;
        case ALONE -> single.write(row);
        case QUEUED, TURN -> throw new IllegalStateException("a row's write did not end");
      };
    }
  }
}
