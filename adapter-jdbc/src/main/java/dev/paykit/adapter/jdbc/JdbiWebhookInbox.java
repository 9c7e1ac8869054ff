package dev.paykit.adapter.jdbc;

import dev.paykit.domain.payment.ProviderName;
import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.out.WebhookInbox;
import dev.paykit.port.shared.InboxBacklog;
import dev.paykit.port.shared.InboxEvent;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The webhook inbox in {@code webhook_inbox}. The event id is the primary key, so a redelivery is
 * dropped by the database. Workers claim with {@code SELECT ... FOR UPDATE SKIP LOCKED}: rows one
 * worker is claiming are invisible to the others, on PostgreSQL and on H2, so workers in several
 * processes share one inbox without waiting on each other or taking the same event. Every
 * settlement checks the claim token, so a worker whose claim ran out and was taken over cannot
 * overwrite its successor's outcome.
 */
public final class JdbiWebhookInbox implements WebhookInbox {

  private static final String COLUMNS =
      "provider, event_id, event_type, payload, status, attempts, received_at, next_attempt_at,"
          + " claim_token, claimed_until, last_error, processed_at";

  private static final String INSERT =
      "insert into webhook_inbox ("
          + COLUMNS
          + ") values ("
          + Sql.parameters(12)
          + ") on conflict do nothing";

  /**
   * At most this many receipts in one transaction: more receiver threads than this rarely wait on
   * the database at once, and a batch this size is one round trip.
   */
  private static final int RECEIPTS_PER_COMMIT = 64;

  private final Jdbi jdbi;
  private final ClaimedRows rows;
  private final GroupCommit<InboxEvent> receipts;

  @Inject
  public JdbiWebhookInbox(Jdbi jdbi) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    this.rows =
        new ClaimedRows(
            jdbi,
            "webhook_inbox",
            List.of("provider", "event_id"),
            InboxEvent.Status.PROCESSING.name());
    this.receipts = new GroupCommit<>(RECEIPTS_PER_COMMIT, this::insertOne, this::insertAll);
  }

  /**
   * Outside a unit of work, receipts that arrive together are inserted together ({@link
   * GroupCommit}): one transaction and one commit for the rows of every receiver thread that was
   * waiting on the database, where each would otherwise wait for a commit of its own. Inside one,
   * the row is the phase's, on its connection.
   */
  @Override
  public boolean insert(InboxEvent event) {
    Objects.requireNonNull(event, "event");
    if (jdbi.getHandleScope().get() != null) {
      return insertOne(event);
    }
    return receipts.write(event);
  }

  private boolean insertOne(InboxEvent event) {
    return jdbi.withHandle(handle -> Sql.update(handle, INSERT, row(event))) == 1;
  }

  /**
   * The rows in one transaction, each its own statement of one batch, so that a redelivery in the
   * same group meets the row its first delivery inserted, and the update counts say which rows were
   * new.
   */
  private boolean[] insertAll(List<InboxEvent> events) {
    return jdbi.inTransaction(
        handle -> {
          int[] counts =
              Sql.batch(handle, INSERT, events.stream().map(JdbiWebhookInbox::row).toList());
          boolean[] fresh = new boolean[counts.length];
          for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0 && counts[i] != 1) {
              // The driver rewrote the batch (reWriteBatchedInserts) and counts no single row.
              throw new GroupCommit.CannotTell(
                  "the driver reported " + counts[i] + " for a row of the batch");
            }
            fresh[i] = counts[i] == 1;
          }
          return fresh;
        });
  }

  private static Object[] row(InboxEvent event) {
    return new Object[] {
      event.provider().value(),
      event.id().value(),
      event.type(),
      event.payload(),
      event.status().name(),
      event.attempts(),
      Timestamps.floor(event.receivedAt()),
      Timestamps.floor(event.nextAttemptAt()),
      event.claimToken(),
      Timestamps.floor(event.claimedUntil()),
      event.lastError(),
      Timestamps.floor(event.processedAt())
    };
  }

  /**
   * The due rows are locked by the select, so what the update makes of them is known without
   * reading them again: the claimed events are built from the rows as selected.
   */
  @Override
  public List<InboxEvent> claim(Instant now, int max, Duration claimFor, int maxAttempts) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    if (max < 1) {
      return List.of();
    }
    String token = UUID.randomUUID().toString();
    Instant until = Timestamps.stored(now.plus(claimFor));
    return jdbi.inTransaction(
        handle -> {
          List<InboxEvent> due =
              Sql.list(
                  handle,
                  "select "
                      + COLUMNS
                      + " from webhook_inbox"
                      + " where (status = 'PENDING' and next_attempt_at <= ?)"
                      + " or (status = 'PROCESSING' and claimed_until <= ?)"
                      + " order by received_at, event_id, provider limit ?"
                      + " for update skip locked",
                  JdbiWebhookInbox::event,
                  Timestamps.floor(now),
                  Timestamps.floor(now),
                  max);
          List<InboxEvent> usedUp =
              due.stream().filter(event -> event.attempts() >= maxAttempts).toList();
          if (!usedUp.isEmpty()) {
            rows.bury(
                handle,
                usedUp.stream()
                    .map(event -> new ClaimedRows.Buried(key(event), event.exhaustedError()))
                    .toList(),
                Timestamps.floor(now));
          }
          List<InboxEvent> claimable =
              due.stream().filter(event -> event.attempts() < maxAttempts).toList();
          if (claimable.isEmpty()) {
            return List.of();
          }
          List<Object> values = new ArrayList<>(2 * claimable.size() + 2);
          values.add(token);
          values.add(Timestamps.floor(until));
          claimable.forEach(event -> values.addAll(key(event)));
          Sql.update(
              handle,
              "update webhook_inbox set status = 'PROCESSING', claim_token = ?,"
                  + " claimed_until = ?, attempts = attempts + 1"
                  + " where "
                  + String.join(
                      " or ",
                      Collections.nCopies(claimable.size(), "(provider = ? and event_id = ?)")),
              values.toArray());
          return claimable.stream().map(event -> claimed(event, token, until)).toList();
        });
  }

  private static List<Object> key(InboxEvent event) {
    return List.of(event.provider().value(), event.id().value());
  }

  private static InboxEvent claimed(InboxEvent event, String token, Instant until) {
    return new InboxEvent(
        event.provider(),
        event.id(),
        event.type(),
        event.payload(),
        InboxEvent.Status.PROCESSING,
        event.attempts() + 1,
        event.receivedAt(),
        event.nextAttemptAt(),
        token,
        until,
        event.lastError(),
        event.processedAt());
  }

  @Override
  public boolean markProcessed(InboxEvent claimed, Instant now) {
    return rows.settle(
        key(claimed),
        claimed.claimToken(),
        InboxEvent.Status.PROCESSED.name(),
        "processed_at = ?",
        Timestamps.floor(now));
  }

  @Override
  public boolean markFailed(InboxEvent claimed, String error, Instant nextAttemptAt) {
    return rows.failed(
        key(claimed),
        claimed.claimToken(),
        Timestamps.floor(nextAttemptAt),
        InboxEvent.storableError(error));
  }

  @Override
  public boolean markDead(InboxEvent claimed, String error, Instant now) {
    return rows.dead(
        key(claimed), claimed.claimToken(), Timestamps.floor(now), InboxEvent.storableError(error));
  }

  @Override
  public boolean release(InboxEvent claimed) {
    return rows.released(key(claimed), claimed.claimToken());
  }

  @Override
  public Optional<InboxEvent> find(ProviderName provider, EventId id) {
    return jdbi.withHandle(
        handle ->
            Sql.first(
                handle,
                "select " + COLUMNS + " from webhook_inbox where provider = ? and event_id = ?",
                JdbiWebhookInbox::event,
                provider.value(),
                id.value()));
  }

  @Override
  public List<InboxEvent> deadLetters(int limit) {
    if (limit < 1) {
      return List.of();
    }
    return jdbi.withHandle(
        handle ->
            Sql.list(
                handle,
                "select "
                    + COLUMNS
                    + " from webhook_inbox where status = 'DEAD'"
                    + " order by received_at, event_id, provider limit ?",
                JdbiWebhookInbox::event,
                limit));
  }

  @Override
  public boolean replay(ProviderName provider, EventId id, Instant now) {
    return jdbi.withHandle(
            handle ->
                Sql.update(
                    handle,
                    "update webhook_inbox set status = 'PENDING', next_attempt_at = ?,"
                        + " attempts = 0, dead_at = null"
                        + " where provider = ? and event_id = ? and status = 'DEAD'",
                    Timestamps.floor(now),
                    provider.value(),
                    id.value()))
        == 1;
  }

  @Override
  public InboxBacklog backlog(Instant now) {
    ClaimedRows.Waiting waiting =
        rows.waiting(now, InboxEvent.Status.PROCESSED.name(), "received_at");
    return new InboxBacklog(waiting.waiting(), waiting.dead(), waiting.oldestAge());
  }

  @Override
  public int purgeProcessed(Instant before) {
    return jdbi.withHandle(
        handle ->
            Sql.update(
                handle,
                "delete from webhook_inbox where status = 'PROCESSED' and processed_at < ?",
                Timestamps.ceil(before)));
  }

  private static InboxEvent event(ResultSet row) throws SQLException {
    return new InboxEvent(
        new ProviderName(row.getString("provider")),
        new EventId(row.getString("event_id")),
        row.getString("event_type"),
        row.getString("payload"),
        InboxEvent.Status.valueOf(row.getString("status")),
        row.getInt("attempts"),
        Timestamps.read(row, "received_at"),
        Timestamps.read(row, "next_attempt_at"),
        row.getString("claim_token"),
        Timestamps.read(row, "claimed_until"),
        row.getString("last_error"),
        Timestamps.read(row, "processed_at"));
  }
}
