package dev.paykit.adapter.jdbc;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.refund.Refund;
import dev.paykit.domain.refund.RefundId;
import dev.paykit.domain.refund.RefundState;
import dev.paykit.port.out.RefundStore;
import dev.paykit.port.out.StoreConflictException;
import dev.paykit.port.out.StoreConflictException.Kind;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Refunds in {@code refunds}. {@link #insertWithin} serialises the refunds of one payment on that
 * payment's row in {@code refund_guards}: the sum of its refunds is read and the new one inserted
 * while the row is locked, so concurrent partial refunds from any number of app instances never add
 * up to more than the payment.
 */
public final class JdbiRefundStore implements RefundStore {

  private static final String COLUMNS =
      "id, payment_id, idempotency_key, amount_minor, currency, reason, state,"
          + " provider_refund_id, created_at, updated_at, version";

  private final Jdbi jdbi;

  @Inject
  public JdbiRefundStore(Jdbi jdbi) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
  }

  @Override
  public boolean insertWithin(Refund refund, Money paymentAmount) {
    if (!refund.amount().currency().equals(paymentAmount.currency())) {
      throw new IllegalArgumentException(
          "refund "
              + refund.id()
              + " is in "
              + refund.amount().currencyCode()
              + ", its payment in "
              + paymentAmount.currencyCode());
    }
    String paymentId = refund.paymentId().value();
    createGuard(paymentId);
    return jdbi.inTransaction(
        handle -> {
          Sql.first(
              handle,
              "select payment_id from refund_guards where payment_id = ? for update",
              row -> row.getString(1),
              paymentId);
          long committed =
              Sql.first(
                      handle,
                      "select coalesce(sum(amount_minor), 0) from refunds"
                          + " where payment_id = ? and state != 'FAILED'",
                      row -> row.getLong(1),
                      paymentId)
                  .orElseThrow();
          Money after = new Money(committed, paymentAmount.currency()).plus(refund.amount());
          if (after.isGreaterThan(paymentAmount)) {
            return false;
          }
          // ON CONFLICT DO NOTHING and a read rather than a caught unique violation, which would
          // abort the transaction of a phase the insert is part of.
          int inserted =
              Sql.update(
                  handle,
                  "insert into refunds ("
                      + COLUMNS
                      + ") values ("
                      + Sql.parameters(11)
                      + ") on conflict do nothing",
                  refund.id().value(),
                  paymentId,
                  refund.idempotencyKey().value(),
                  refund.amount().minorUnits(),
                  refund.amount().currencyCode(),
                  refund.reason(),
                  refund.state().name(),
                  refund.providerRefundId(),
                  Timestamps.floor(refund.createdAt()),
                  Timestamps.floor(refund.updatedAt()),
                  refund.version());
          if (inserted == 0) {
            throw conflict(handle, refund);
          }
          return true;
        });
  }

  /**
   * Makes sure the payment's guard row exists, on its own outside a phase: the lock is then always
   * taken on an existing row, the same way on both databases, however many refunds race for the
   * first. In a phase it is part of the phase, and a concurrent first refund waits for it.
   */
  private void createGuard(String paymentId) {
    jdbi.useHandle(
        handle ->
            Sql.update(
                handle,
                "insert into refund_guards (payment_id) values (?) on conflict do nothing",
                paymentId));
  }

  @Override
  public boolean update(Refund updated, long expectedVersion) {
    if (updated.version() <= expectedVersion) {
      throw new IllegalArgumentException(
          "an update must raise the version: "
              + updated.id()
              + " is at "
              + updated.version()
              + ", expected "
              + expectedVersion);
    }
    return jdbi.withHandle(
            handle ->
                Sql.update(
                    handle,
                    "update refunds set state = ?, provider_refund_id = ?, updated_at = ?,"
                        + " version = ? where id = ? and version = ?",
                    updated.state().name(),
                    updated.providerRefundId(),
                    Timestamps.floor(updated.updatedAt()),
                    updated.version(),
                    updated.id().value(),
                    expectedVersion))
        == 1;
  }

  @Override
  public Optional<Refund> findById(RefundId id) {
    return select("where id = ?", id.value()).stream().findFirst();
  }

  @Override
  public Optional<Refund> findByProviderRefundId(String providerRefundId) {
    return select("where provider_refund_id = ? order by created_at, id limit 1", providerRefundId)
        .stream()
        .findFirst();
  }

  @Override
  public Optional<Refund> findByIdempotencyKey(IdempotencyKey key) {
    return select("where idempotency_key = ?", key.value()).stream().findFirst();
  }

  @Override
  public List<Refund> findByPaymentId(PaymentId paymentId) {
    return select("where payment_id = ? order by created_at, id", paymentId.value());
  }

  @Override
  public List<Refund> findStale(Set<RefundState> states, Instant updatedBefore, int limit) {
    if (!StaleRows.askable(states, limit)) {
      return List.of();
    }
    return select(
        StaleRows.clauses("updated_at", states), StaleRows.values(states, updatedBefore, limit));
  }

  private List<Refund> select(String clauses, Object... values) {
    return jdbi.withHandle(
        handle ->
            Sql.list(
                handle,
                "select " + COLUMNS + " from refunds " + clauses,
                JdbiRefundStore::refund,
                values));
  }

  /**
   * The stored refund the insert of {@code refund} ran into: the id first, then the key, as the
   * database would have named the constraint. Refunds are never deleted, and the insert waited for
   * any conflicting one still being written, so the clash is there to be read.
   */
  private static StoreConflictException conflict(Handle handle, Refund refund) {
    List<String[]> clashes =
        Sql.list(
            handle,
            "select id, idempotency_key from refunds where id = ? or idempotency_key = ?",
            row -> new String[] {row.getString("id"), row.getString("idempotency_key")},
            refund.id().value(),
            refund.idempotencyKey().value());
    if (clashes.stream().anyMatch(clash -> clash[0].equals(refund.id().value()))) {
      return new StoreConflictException(
          Kind.DUPLICATE_ID, "refund " + refund.id() + " exists (refunds_pk)");
    }
    if (clashes.stream().anyMatch(clash -> clash[1].equals(refund.idempotencyKey().value()))) {
      return new StoreConflictException(
          Kind.DUPLICATE_IDEMPOTENCY_KEY,
          "a refund with the idempotency key of "
              + refund.id()
              + " exists (refunds_idempotency_key_uq)");
    }
    throw new IllegalStateException(
        "refund " + refund.id() + " was refused by a unique constraint Paykit does not know");
  }

  private static Refund refund(ResultSet row) throws SQLException {
    return new Refund(
        new RefundId(row.getString("id")),
        new PaymentId(row.getString("payment_id")),
        IdempotencyKey.of(row.getString("idempotency_key")),
        Money.of(row.getLong("amount_minor"), row.getString("currency")),
        row.getString("reason"),
        RefundState.valueOf(row.getString("state")),
        row.getString("provider_refund_id"),
        Timestamps.read(row, "created_at"),
        Timestamps.read(row, "updated_at"),
        row.getLong("version"));
  }
}
