package dev.paykit.adapter.jdbc;

import dev.paykit.domain.dispute.Dispute;
import dev.paykit.domain.dispute.DisputeEvent;
import dev.paykit.domain.dispute.DisputeHistoryEntry;
import dev.paykit.domain.dispute.DisputeId;
import dev.paykit.domain.dispute.DisputeReason;
import dev.paykit.domain.dispute.DisputeState;
import dev.paykit.domain.dispute.DisputeStep;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.Outcome;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.domain.payment.TransitionSource;
import dev.paykit.port.out.DisputeStore;
import dev.paykit.port.out.StoreConflictException;
import dev.paykit.port.out.StoreConflictException.Kind;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Disputes in {@code disputes}, their timelines in {@code dispute_history} (V7). As for payments, a
 * dispute is read in one statement with its latest entry, the one whose sequence is the dispute's
 * version, and a step's row and entry commit together or not at all.
 */
public final class JdbiDisputeStore implements DisputeStore {

  private static final String COLUMNS =
      "id, payment_id, transaction_id, amount_minor, currency, reason, state, evidence_due_by,"
          + " evidence_submitted_at, reminder_sent_at, created_at, updated_at, last_news_at,"
          + " version";

  private static final String HISTORY_COLUMNS =
      "sequence_no, from_state, event, to_state, outcome, source, occurred_at, event_id,"
          + " request_id, detail";

  private static final String SELECT =
      "select d."
          + COLUMNS.replace(", ", ", d.")
          + ", h."
          + HISTORY_COLUMNS.replace(", ", ", h.")
          + " from disputes d join dispute_history h"
          + " on h.dispute_id = d.id and h.sequence_no = d.version ";

  private final Jdbi jdbi;

  @Inject
  public JdbiDisputeStore(Jdbi jdbi) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
  }

  @Override
  public void insert(Dispute dispute) {
    jdbi.useTransaction(
        handle -> {
          // ON CONFLICT DO NOTHING and a count rather than a caught unique violation, which would
          // abort the transaction of a phase the insert is part of.
          int inserted =
              Sql.update(
                  handle,
                  "insert into disputes ("
                      + COLUMNS
                      + ") values ("
                      + Sql.parameters(14)
                      + ") on conflict do nothing",
                  dispute.id().value(),
                  dispute.paymentId().value(),
                  dispute.transactionId().value(),
                  dispute.amount().minorUnits(),
                  dispute.amount().currencyCode(),
                  dispute.reason().name(),
                  dispute.state().name(),
                  Timestamps.floor(dispute.evidenceDueBy()),
                  Timestamps.floor(dispute.evidenceSubmittedAt()),
                  Timestamps.floor(dispute.reminderSentAt()),
                  Timestamps.floor(dispute.createdAt()),
                  Timestamps.floor(dispute.updatedAt()),
                  Timestamps.floor(dispute.lastNewsAt()),
                  dispute.version());
          if (inserted == 0) {
            throw new StoreConflictException(
                Kind.DUPLICATE_ID, "dispute " + dispute.id() + " exists (disputes_pk)");
          }
          insertEntry(handle, dispute.id(), dispute.latest());
        });
  }

  @Override
  public boolean write(DisputeStep step, long expectedVersion) {
    Dispute updated = step.dispute();
    if (updated.version() != expectedVersion + 1) {
      throw new IllegalArgumentException(
          "a step raises the version by one: "
              + updated.id()
              + " is at "
              + updated.version()
              + ", expected "
              + expectedVersion);
    }
    return jdbi.inTransaction(
        handle -> {
          int changed =
              Sql.update(
                  handle,
                  "update disputes set state = ?, evidence_submitted_at = ?, reminder_sent_at = ?,"
                      + " updated_at = ?, last_news_at = ?, version = ?"
                      + " where id = ? and version = ?",
                  updated.state().name(),
                  Timestamps.floor(updated.evidenceSubmittedAt()),
                  Timestamps.floor(updated.reminderSentAt()),
                  Timestamps.floor(updated.updatedAt()),
                  Timestamps.floor(updated.lastNewsAt()),
                  updated.version(),
                  updated.id().value(),
                  expectedVersion);
          if (changed == 0) {
            return false;
          }
          insertEntry(handle, updated.id(), step.entry());
          return true;
        });
  }

  private static void insertEntry(Handle handle, DisputeId id, DisputeHistoryEntry entry) {
    Sql.update(
        handle,
        "insert into dispute_history (dispute_id, "
            + HISTORY_COLUMNS
            + ") values ("
            + Sql.parameters(11)
            + ")",
        id.value(),
        entry.sequence(),
        entry.from() == null ? null : entry.from().name(),
        entry.event().name(),
        entry.to().name(),
        entry.outcome().name(),
        entry.source().name(),
        Timestamps.floor(entry.at()),
        entry.eventId(),
        entry.requestId(),
        entry.detail());
  }

  @Override
  public Optional<Dispute> findById(DisputeId id) {
    return select("where d.id = ?", id.value()).stream().findFirst();
  }

  @Override
  public List<Dispute> findByPaymentId(PaymentId paymentId) {
    return select("where d.payment_id = ? order by d.created_at, d.id", paymentId.value());
  }

  @Override
  public List<DisputeHistoryEntry> history(DisputeId id) {
    return jdbi.withHandle(
        handle ->
            Sql.list(
                handle,
                "select "
                    + HISTORY_COLUMNS
                    + " from dispute_history where dispute_id = ? order by sequence_no",
                JdbiDisputeStore::entry,
                id.value()));
  }

  @Override
  public List<Dispute> findStale(Set<DisputeState> states, Instant quietBefore, int limit) {
    if (!StaleRows.askable(states, limit)) {
      return List.of();
    }
    return select(
        StaleRows.clauses("last_news_at", states)
            .replace("state in", "d.state in")
            .replace("last_news_at", "d.last_news_at")
            .replace(", id limit", ", d.id limit"),
        StaleRows.values(states, quietBefore, limit));
  }

  @Override
  public List<Dispute> findReminderDue(Instant dueBy, int limit) {
    if (limit < 1) {
      return List.of();
    }
    return select(
        "where d.state = 'NEEDS_RESPONSE' and d.evidence_submitted_at is null"
            + " and d.reminder_sent_at is null and d.evidence_due_by <= ?"
            + " order by d.evidence_due_by, d.id limit ?",
        Timestamps.floor(dueBy),
        limit);
  }

  @Override
  public boolean recordLookUp(DisputeId id, Instant at) {
    return jdbi.withHandle(
            handle ->
                Sql.update(
                    handle,
                    "update disputes set last_news_at = ? where id = ?",
                    Timestamps.floor(at),
                    id.value()))
        == 1;
  }

  @Override
  public Map<DisputeState, Map<DisputeReason, Long>> countByStateAndReason() {
    List<Object[]> rows =
        jdbi.withHandle(
            handle ->
                Sql.list(
                    handle,
                    "select state, reason, count(*) from disputes group by state, reason",
                    row ->
                        new Object[] {
                          DisputeState.valueOf(row.getString(1)),
                          DisputeReason.valueOf(row.getString(2)),
                          row.getLong(3)
                        }));
    Map<DisputeState, Map<DisputeReason, Long>> counts = new EnumMap<>(DisputeState.class);
    for (Object[] row : rows) {
      counts
          .computeIfAbsent((DisputeState) row[0], s -> new EnumMap<>(DisputeReason.class))
          .put((DisputeReason) row[1], (Long) row[2]);
    }
    return counts;
  }

  private List<Dispute> select(String clauses, Object... values) {
    return jdbi.withHandle(
        handle ->
            new ArrayList<>(Sql.list(handle, SELECT + clauses, JdbiDisputeStore::dispute, values)));
  }

  private static Dispute dispute(ResultSet row) throws SQLException {
    return new Dispute(
        new DisputeId(row.getString("id")),
        new PaymentId(row.getString("payment_id")),
        new TransactionId(row.getString("transaction_id")),
        Money.of(row.getLong("amount_minor"), row.getString("currency")),
        DisputeReason.valueOf(row.getString("reason")),
        DisputeState.valueOf(row.getString("state")),
        Timestamps.read(row, "evidence_due_by"),
        Timestamps.read(row, "evidence_submitted_at"),
        Timestamps.read(row, "reminder_sent_at"),
        Timestamps.read(row, "created_at"),
        Timestamps.read(row, "updated_at"),
        Timestamps.read(row, "last_news_at"),
        row.getLong("version"),
        entry(row));
  }

  private static DisputeHistoryEntry entry(ResultSet row) throws SQLException {
    String from = row.getString("from_state");
    return new DisputeHistoryEntry(
        row.getLong("sequence_no"),
        from == null ? null : DisputeState.valueOf(from),
        DisputeEvent.valueOf(row.getString("event")),
        DisputeState.valueOf(row.getString("to_state")),
        Outcome.valueOf(row.getString("outcome")),
        TransitionSource.valueOf(row.getString("source")),
        Timestamps.read(row, "occurred_at"),
        row.getString("event_id"),
        row.getString("request_id"),
        row.getString("detail"));
  }
}
