package dev.paykit.port.out;

import java.util.function.Supplier;

/**
 * Store writes that belong together: the core says which, the stores' adapter makes them one atomic
 * phase. A JDBC adapter runs a phase in one transaction on one connection; an in-memory adapter
 * under one lock, undoing the phase's writes if it fails. A create is two phases (one before the
 * provider call, one after it), a webhook event is applied in one.
 *
 * <p>Every store call made by {@code work} on the calling thread, to a store of the same family
 * ({@link Stores}), takes part: it sees the phase's earlier writes, and either every write of the
 * phase is kept or none is. A phase started inside another joins it: its writes are kept or undone
 * with the outer phase's. Work must not catch an exception thrown by a store call or a nested phase
 * and go on: the phase is broken (a database may have aborted its transaction already), and the
 * exception must leave it. Work must not call the provider or anything else slow: the phase holds a
 * database connection, or the in-memory lock, for as long as it runs. {@code payments-testkit}'s
 * {@code UnitOfWorkContract} is the executable form of this contract.
 */
public interface UnitOfWork {

  /**
   * Runs {@code work} as one phase and returns its result. If it throws, every write it made is
   * undone and the exception propagates as it was thrown.
   */
  <T> T atomically(Supplier<T> work);

  /** {@link #atomically(Supplier)} for work without a result. */
  default void atomically(Runnable work) {
    atomically(
        () -> {
          work.run();
          return null;
        });
  }
}
