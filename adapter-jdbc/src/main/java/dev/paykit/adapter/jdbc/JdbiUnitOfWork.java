package dev.paykit.adapter.jdbc;

import dev.paykit.port.out.UnitOfWork;
import jakarta.inject.Inject;
import java.util.Objects;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * A phase is one transaction on one connection. While it runs, JDBI's handle for it is the calling
 * thread's: every store on the same {@link Jdbi} runs its statements through {@link
 * Jdbi#withHandle} or {@link Jdbi#inTransaction}, which on that thread take the phase's handle
 * instead of opening one, and its transaction instead of beginning one. A phase inside a phase is
 * therefore part of the outer one, with no savepoint (and no round trip) of its own: its writes are
 * kept or undone with the outer phase's. Outside a phase a store call opens a handle of its own.
 *
 * <p>No store ends a phase's transaction early or relies on a failed statement: none commits on its
 * own, and conflicts are found with {@code ON CONFLICT DO NOTHING} and a read, so a conflict in a
 * phase reaches the work as the {@code StoreConflictException} it is, on PostgreSQL too, where a
 * failed statement aborts the transaction and every statement after it would fail.
 */
public final class JdbiUnitOfWork implements UnitOfWork {
  private final Jdbi jdbi;

  @Inject
  public JdbiUnitOfWork(Jdbi jdbi) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
  }

  @Override
  public <T> T atomically(Supplier<T> work) {
    Objects.requireNonNull(work, "work");
    // JDBI rolls back on any Throwable and rethrows it unchanged, so the caller sees what the work
    // threw; a failed commit is JDBI's TransactionException.
    return jdbi.inTransaction(handle -> work.get());
  }
}
