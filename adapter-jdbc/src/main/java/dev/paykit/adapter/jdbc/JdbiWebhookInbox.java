package dev.paykit.adapter.jdbc;

import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.out.WebhookInbox;
import dev.paykit.port.shared.InboxEvent;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

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
      "event_id, event_type, payload, status, attempts, received_at, next_attempt_at,"
          + " claim_token, claimed_until, last_error, processed_at";

  private static final String HELD_BY_CLAIM =
      " where event_id = :id and status = 'PROCESSING' and claim_token = :token";

  private final Jdbi jdbi;

  @Inject
  public JdbiWebhookInbox(Jdbi jdbi) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
  }

  @Override
  public boolean insert(InboxEvent event) {
    return jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "insert into webhook_inbox ("
                            + COLUMNS
                            + ") values (:id, :type, :payload, :status, :attempts, :receivedAt,"
                            + " :nextAttemptAt, :claimToken, :claimedUntil, :lastError,"
                            + " :processedAt) on conflict do nothing")
                    .bind("id", event.id().value())
                    .bind("type", event.type())
                    .bind("payload", event.payload())
                    .bind("status", event.status().name())
                    .bind("attempts", event.attempts())
                    .bind("receivedAt", Timestamps.floor(event.receivedAt()))
                    .bind("nextAttemptAt", Timestamps.floor(event.nextAttemptAt()))
                    .bind("claimToken", event.claimToken())
                    .bind("claimedUntil", Timestamps.floor(event.claimedUntil()))
                    .bind("lastError", event.lastError())
                    .bind("processedAt", Timestamps.floor(event.processedAt()))
                    .execute())
        == 1;
  }

  @Override
  public List<InboxEvent> claim(Instant now, int max, Duration claimFor, int maxAttempts) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    if (max < 1) {
      return List.of();
    }
    String token = UUID.randomUUID().toString();
    return jdbi.inTransaction(
        handle -> {
          List<InboxEvent> due =
              handle
                  .createQuery(
                      "select "
                          + COLUMNS
                          + " from webhook_inbox"
                          + " where (status = 'PENDING' and next_attempt_at <= :now)"
                          + " or (status = 'PROCESSING' and claimed_until <= :now)"
                          + " order by received_at, event_id limit :max"
                          + " for update skip locked")
                  .bind("now", Timestamps.floor(now))
                  .bind("max", max)
                  .map((row, context) -> event(row))
                  .list();
          List<InboxEvent> usedUp =
              due.stream().filter(event -> event.attempts() >= maxAttempts).toList();
          if (!usedUp.isEmpty()) {
            bury(handle, usedUp, now);
          }
          List<String> claimable =
              due.stream()
                  .filter(event -> event.attempts() < maxAttempts)
                  .map(event -> event.id().value())
                  .toList();
          if (claimable.isEmpty()) {
            return List.of();
          }
          handle
              .createUpdate(
                  "update webhook_inbox set status = 'PROCESSING', claim_token = :token,"
                      + " claimed_until = :until, attempts = attempts + 1"
                      + " where event_id in (<ids>)")
              .bind("token", token)
              .bind("until", Timestamps.floor(now.plus(claimFor)))
              .bindList("ids", claimable)
              .execute();
          return handle
              .createQuery(
                  "select "
                      + COLUMNS
                      + " from webhook_inbox where claim_token = :token"
                      + " order by received_at, event_id")
              .bind("token", token)
              .map((row, context) -> event(row))
              .list();
        });
  }

  /** Sends events whose attempts are used up to the dead letters, under the claim's locks. */
  private static void bury(Handle handle, List<InboxEvent> usedUp, Instant now) {
    PreparedBatch batch =
        handle.prepareBatch(
            "update webhook_inbox set status = 'DEAD', dead_at = :at, last_error = :error,"
                + " claim_token = null, claimed_until = null where event_id = :id");
    for (InboxEvent event : usedUp) {
      batch
          .bind("at", Timestamps.floor(now))
          .bind("error", event.exhaustedError())
          .bind("id", event.id().value())
          .add();
    }
    batch.execute();
  }

  @Override
  public boolean markProcessed(InboxEvent claimed, Instant now) {
    return settle(
        "update webhook_inbox set status = 'PROCESSED', processed_at = :at,"
            + " claim_token = null, claimed_until = null"
            + HELD_BY_CLAIM,
        claimed,
        null,
        now);
  }

  @Override
  public boolean markFailed(InboxEvent claimed, String error, Instant nextAttemptAt) {
    return settle(
        "update webhook_inbox set status = 'PENDING', next_attempt_at = :at,"
            + " last_error = :error, claim_token = null, claimed_until = null"
            + HELD_BY_CLAIM,
        claimed,
        error,
        nextAttemptAt);
  }

  @Override
  public boolean markDead(InboxEvent claimed, String error, Instant now) {
    return settle(
        "update webhook_inbox set status = 'DEAD', dead_at = :at, last_error = :error,"
            + " claim_token = null, claimed_until = null"
            + HELD_BY_CLAIM,
        claimed,
        error,
        now);
  }

  @Override
  public boolean release(InboxEvent claimed) {
    return jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "update webhook_inbox set status = 'PENDING', attempts = attempts - 1,"
                            + " claim_token = null, claimed_until = null"
                            + HELD_BY_CLAIM)
                    .bind("id", claimed.id().value())
                    .bind("token", claimed.claimToken())
                    .execute())
        == 1;
  }

  private boolean settle(String sql, InboxEvent claimed, String error, Instant at) {
    return jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(sql)
                    .bind("at", Timestamps.floor(at))
                    .bind("error", InboxEvent.storableError(error))
                    .bind("id", claimed.id().value())
                    .bind("token", claimed.claimToken())
                    .execute())
        == 1;
  }

  @Override
  public Optional<InboxEvent> find(EventId id) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("select " + COLUMNS + " from webhook_inbox where event_id = :id")
                .bind("id", id.value())
                .map((row, context) -> event(row))
                .findOne());
  }

  @Override
  public List<InboxEvent> deadLetters(int limit) {
    if (limit < 1) {
      return List.of();
    }
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select "
                        + COLUMNS
                        + " from webhook_inbox where status = 'DEAD'"
                        + " order by received_at, event_id limit :limit")
                .bind("limit", limit)
                .map((row, context) -> event(row))
                .list());
  }

  @Override
  public boolean replay(EventId id, Instant now) {
    return jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "update webhook_inbox set status = 'PENDING', next_attempt_at = :now,"
                            + " attempts = 0, dead_at = null"
                            + " where event_id = :id and status = 'DEAD'")
                    .bind("now", Timestamps.floor(now))
                    .bind("id", id.value())
                    .execute())
        == 1;
  }

  @Override
  public int purgeProcessed(Instant before) {
    return jdbi.withHandle(
        handle ->
            handle
                .createUpdate(
                    "delete from webhook_inbox where status = 'PROCESSED' and processed_at < :before")
                .bind("before", Timestamps.ceil(before))
                .execute());
  }

  private static InboxEvent event(ResultSet row) throws SQLException {
    return new InboxEvent(
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
