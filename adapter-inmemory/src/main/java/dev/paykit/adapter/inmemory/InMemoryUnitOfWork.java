package dev.paykit.adapter.inmemory;

import dev.paykit.port.out.UnitOfWork;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The one lock of a family of in-memory stores, and the undo log of the phase that holds it.
 *
 * <p>Every store call runs under the lock ({@link #call}), so each is atomic on its own; a phase
 * holds the lock from its start to its end, so no other thread's call can see or make a write in
 * between. The lock is reentrant: the phase's own store calls and nested phases re-enter it. While
 * a phase is open, each write a store makes registers how to take it back ({@link #undoing}); if
 * the work throws, those are run newest first and the log ends with the phase.
 *
 * <p>The log is a plain field rather than a thread-local: it is read and written only under the
 * lock, and while a phase is open only the phase's own thread can hold the lock, so the log is
 * always that thread's.
 *
 * <p>The lock is a monitor rather than a {@code ReentrantLock}: what it guards is a few map
 * operations long, and a contended monitor spins adaptively before it parks its thread, where a
 * {@code ReentrantLock}'s waiters park almost at once, so that under contention a hand-over often
 * waits for a thread to be woken.
 */
final class InMemoryUnitOfWork implements UnitOfWork {
  private final Object lock = new Object();

  // Guarded by lock; non-null exactly while a phase is open.
  private List<Runnable> undoLog;

  @Override
  public <T> T atomically(Supplier<T> work) {
    synchronized (lock) {
      boolean outermost = undoLog == null;
      if (outermost) {
        undoLog = new ArrayList<>();
      }
      // A nested phase joins the outer one; should it throw, it takes back its own writes, so an
      // outer phase that catches the failure goes on as if the nested one had not run.
      int mark = undoLog.size();
      try {
        return work.get();
      } catch (Throwable failure) {
        undoBackTo(mark, failure);
        throw failure;
      } finally {
        if (outermost) {
          undoLog = null;
        }
      }
    }
  }

  /** Runs one store call under the lock: as part of the open phase, if any, else on its own. */
  <T> T call(Supplier<T> operation) {
    synchronized (lock) {
      return operation.get();
    }
  }

  /**
   * Registers how to take back a write just made. Called by a store inside {@link #call}; outside a
   * phase there is nothing to take it back for, and it is dropped.
   */
  void undoing(Runnable undo) {
    if (undoLog != null) {
      undoLog.add(undo);
    }
  }

  private void undoBackTo(int mark, Throwable failure) {
    for (int i = undoLog.size() - 1; i >= mark; i--) {
      try {
        undoLog.remove(i).run();
      } catch (RuntimeException | Error undoFailure) {
        failure.addSuppressed(undoFailure);
      }
    }
  }
}
