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
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.Query;

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
    try {
      return jdbi.inTransaction(
          handle -> {
            handle
                .createQuery(
                    "select payment_id from refund_guards where payment_id = :paymentId"
                        + " for update")
                .bind("paymentId", paymentId)
                .mapTo(String.class)
                .one();
            long committed =
                handle
                    .createQuery(
                        "select coalesce(sum(amount_minor), 0) from refunds"
                            + " where payment_id = :paymentId and state != 'FAILED'")
                    .bind("paymentId", paymentId)
                    .mapTo(Long.class)
                    .one();
            Money after = new Money(committed, paymentAmount.currency()).plus(refund.amount());
            if (after.isGreaterThan(paymentAmount)) {
              return false;
            }
            handle
                .createUpdate(
                    "insert into refunds ("
                        + COLUMNS
                        + ") values (:id, :paymentId, :idempotencyKey, :amountMinor, :currency,"
                        + " :reason, :state, :providerRefundId, :createdAt, :updatedAt, :version)")
                .bind("id", refund.id().value())
                .bind("paymentId", paymentId)
                .bind("idempotencyKey", refund.idempotencyKey().value())
                .bind("amountMinor", refund.amount().minorUnits())
                .bind("currency", refund.amount().currencyCode())
                .bind("reason", refund.reason())
                .bind("state", refund.state().name())
                .bind("providerRefundId", refund.providerRefundId())
                .bind("createdAt", Timestamps.floor(refund.createdAt()))
                .bind("updatedAt", Timestamps.floor(refund.updatedAt()))
                .bind("version", refund.version())
                .execute();
            return true;
          });
    } catch (JdbiException e) {
      throw conflict(e, refund).orElseThrow(() -> e);
    }
  }

  /**
   * Makes sure the payment's guard row exists, committed on its own: the lock is then always taken
   * on an existing row, the same way on both databases, however many refunds race for the first.
   */
  private void createGuard(String paymentId) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "insert into refund_guards (payment_id) values (:paymentId)"
                        + " on conflict do nothing")
                .bind("paymentId", paymentId)
                .execute());
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
                handle
                    .createUpdate(
                        "update refunds set state = :state, provider_refund_id = :providerRefundId,"
                            + " updated_at = :updatedAt, version = :version"
                            + " where id = :id and version = :expected")
                    .bind("state", updated.state().name())
                    .bind("providerRefundId", updated.providerRefundId())
                    .bind("updatedAt", Timestamps.floor(updated.updatedAt()))
                    .bind("version", updated.version())
                    .bind("id", updated.id().value())
                    .bind("expected", expectedVersion)
                    .execute())
        == 1;
  }

  @Override
  public Optional<Refund> findById(RefundId id) {
    return select("where id = :value", q -> q.bind("value", id.value())).stream().findFirst();
  }

  @Override
  public Optional<Refund> findByProviderRefundId(String providerRefundId) {
    return select(
            "where provider_refund_id = :value order by created_at, id limit 1",
            q -> q.bind("value", providerRefundId))
        .stream()
        .findFirst();
  }

  @Override
  public Optional<Refund> findByIdempotencyKey(IdempotencyKey key) {
    return select("where idempotency_key = :value", q -> q.bind("value", key.value())).stream()
        .findFirst();
  }

  @Override
  public List<Refund> findByPaymentId(PaymentId paymentId) {
    return select(
        "where payment_id = :value order by created_at, id",
        q -> q.bind("value", paymentId.value()));
  }

  @Override
  public List<Refund> findStale(Set<RefundState> states, Instant updatedBefore, int limit) {
    if (!StaleRows.askable(states, limit)) {
      return List.of();
    }
    return select(StaleRows.clauses("updated_at"), StaleRows.bind(states, updatedBefore, limit));
  }

  private List<Refund> select(String clauses, Consumer<Query> bind) {
    return jdbi.withHandle(
        handle -> {
          Query query = handle.createQuery("select " + COLUMNS + " from refunds " + clauses);
          bind.accept(query);
          return query.map((row, context) -> refund(row)).list();
        });
  }

  private static Optional<StoreConflictException> conflict(JdbiException failure, Refund refund) {
    return UniqueViolation.constraint(failure)
        .flatMap(
            constraint -> {
              switch (constraint) {
                case "refunds_idempotency_key_uq":
                  return Optional.of(
                      new StoreConflictException(
                          Kind.DUPLICATE_IDEMPOTENCY_KEY,
                          "a refund with the idempotency key of " + refund.id() + " exists",
                          failure));
                case "refunds_pk":
                  return Optional.of(
                      new StoreConflictException(
                          Kind.DUPLICATE_ID, "refund " + refund.id() + " exists", failure));
                default:
                  return Optional.empty();
              }
            });
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
