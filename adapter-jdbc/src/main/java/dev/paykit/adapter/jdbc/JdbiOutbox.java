package dev.paykit.adapter.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paykit.domain.outbox.OutboxEvent;
import dev.paykit.domain.outbox.OutboxEventId;
import dev.paykit.domain.outbox.OutboxEventType;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.port.out.Outbox;
import dev.paykit.port.out.StoreConflictException;
import dev.paykit.port.out.StoreConflictException.Kind;
import dev.paykit.port.shared.OutboxBacklog;
import dev.paykit.port.shared.OutboxDelivery;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The outbox in {@code outbox_events}, each payment's last sequence number in {@code
 * outbox_sequences}.
 *
 * <p>An append raises the payment's number and inserts the event in the caller's phase. The raise
 * locks the payment's number row until the phase ends, so appends of one payment, from any number
 * of app instances, are numbered one after the other; a phase that rolls back takes its number back
 * with it, so the numbers have no gaps; and an event becomes visible only after every event with a
 * lower number did. The lock is the last a phase takes on the core's write paths (after the payment
 * or refund row), so it adds no lock order of its own.
 *
 * <p>Dispatchers claim with {@code SELECT ... FOR UPDATE SKIP LOCKED} over payment heads: an event
 * is a candidate only if no event of its payment with a lower number is undelivered. A head another
 * dispatcher is claiming is locked and skipped, and the events behind it are no heads, so nobody
 * takes them either; a head changed since the statement's snapshot is checked again once locked, on
 * PostgreSQL and on H2. A head that was delivered never becomes undelivered again, so a snapshot
 * can only hold back an event, never let one overtake. Every settlement checks the claim token.
 */
public final class JdbiOutbox implements Outbox {

  private static final TypeReference<LinkedHashMap<String, String>> PAYLOAD =
      new TypeReference<>() {};

  private static final String COLUMNS =
      "id, payment_id, refund_id, external_id, sequence_no, type, occurred_at, payload, status,"
          + " attempts, next_attempt_at, claim_token, claimed_until, last_error, delivered_at";

  private static final String INSERT =
      "insert into outbox_events ("
          + COLUMNS
          + ") values ("
          + Sql.parameters(15)
          + ") on conflict do nothing";

  /** Heads that are due, oldest first; the payment's earlier events are looked up by its key. */
  private static final String DUE_HEADS =
      "select "
          + COLUMNS
          + " from outbox_events e"
          + " where e.status in ('PENDING', 'CLAIMED')"
          + " and ((e.status = 'PENDING' and e.next_attempt_at <= ?)"
          + " or (e.status = 'CLAIMED' and e.claimed_until <= ?))"
          + " and not exists (select 1 from outbox_events b where b.payment_id = e.payment_id"
          + " and b.sequence_no < e.sequence_no and b.status <> 'DELIVERED')"
          + " order by e.occurred_at, e.payment_id, e.sequence_no limit ?"
          + " for update skip locked";

  private final Jdbi jdbi;
  private final ClaimedRows rows;
  private final ObjectMapper json = new ObjectMapper();

  @Inject
  public JdbiOutbox(Jdbi jdbi) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    this.rows =
        new ClaimedRows(jdbi, "outbox_events", List.of("id"), OutboxDelivery.Status.CLAIMED.name());
  }

  /**
   * {@code ON CONFLICT DO NOTHING} and a read rather than a caught unique violation, which would
   * abort the phase's transaction before the conflict could be told from any other failure. The
   * event's sequence is the store's to give: whatever it carries is replaced.
   */
  @Override
  public OutboxEvent append(OutboxEvent event) {
    Objects.requireNonNull(event, "event");
    String payload = toJson(event);
    return jdbi.inTransaction(
        handle -> {
          long sequence =
              nextSequence(
                  handle,
                  event.paymentId().value(),
                  event.type() == OutboxEventType.PAYMENT_CREATED);
          Instant occurredAt = Timestamps.stored(event.occurredAt());
          int inserted =
              Sql.update(
                  handle,
                  INSERT,
                  event.id().value(),
                  event.paymentId().value(),
                  event.refundId(),
                  event.externalId().value(),
                  sequence,
                  event.type().wireName(),
                  Timestamps.floor(occurredAt),
                  payload,
                  OutboxDelivery.Status.PENDING.name(),
                  0,
                  Timestamps.floor(occurredAt),
                  null,
                  Timestamps.floor(null),
                  null,
                  Timestamps.floor(null));
          if (inserted == 0) {
            throw conflict(handle, event, sequence);
          }
          return new OutboxEvent(
              event.id(),
              event.type(),
              event.paymentId(),
              event.refundId(),
              event.externalId(),
              sequence,
              occurredAt,
              event.payload());
        });
  }

  /**
   * Raises the payment's number, or starts it at 1. If two first appends race, the second insert
   * waits for the first one's phase and then finds its row, which the raise then waits for. A
   * payment's created event is its first, so for that one starting comes first: one statement where
   * raising first would take two.
   */
  private static long nextSequence(Handle handle, String paymentId, boolean likelyFirst) {
    if (likelyFirst && startSequence(handle, paymentId)) {
      return 1;
    }
    for (int attempt = 0; attempt < 2; attempt++) {
      Optional<Long> raised =
          Sql.updateReturning(
              handle,
              "update outbox_sequences set last_sequence = last_sequence + 1"
                  + " where payment_id = ?",
              "last_sequence",
              row -> row.getLong(1),
              paymentId);
      if (raised.isPresent()) {
        return raised.get();
      }
      if (startSequence(handle, paymentId)) {
        return 1;
      }
    }
    throw new IllegalStateException(
        "the sequence of payment " + paymentId + " could neither be raised nor started");
  }

  private static boolean startSequence(Handle handle, String paymentId) {
    return Sql.update(
            handle,
            "insert into outbox_sequences (payment_id, last_sequence) values (?, 1)"
                + " on conflict do nothing",
            paymentId)
        == 1;
  }

  /**
   * The event the append of {@code event} ran into: one with its id, else a numbering fault. The
   * number raised for it is given back first (the row is still locked by the raise): a phase may go
   * on after the conflict, and its next event of the payment must not leave a gap.
   */
  private static StoreConflictException conflict(Handle handle, OutboxEvent event, long sequence) {
    Sql.update(
        handle,
        "update outbox_sequences set last_sequence = ? where payment_id = ?",
        sequence - 1,
        event.paymentId().value());
    boolean sameId =
        Sql.first(
                handle,
                "select id from outbox_events where id = ?",
                row -> row.getString(1),
                event.id().value())
            .isPresent();
    if (sameId) {
      return new StoreConflictException(
          Kind.DUPLICATE_ID, "outbox event " + event.id() + " exists (outbox_events_pk)");
    }
    throw new IllegalStateException(
        "outbox event "
            + event.id()
            + " was refused by a unique constraint other than its id's (outbox_events_sequence_uq)");
  }

  /**
   * The due heads are locked by the select, so what the updates make of them is known without
   * reading them again: the claimed deliveries are built from the rows as selected. The updates go
   * as one batch, one round trip.
   */
  @Override
  public List<OutboxDelivery> claim(Instant now, int max, Duration claimFor, int maxAttempts) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(claimFor, "claimFor");
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1, was " + max);
    }
    if (claimFor.isNegative() || claimFor.isZero()) {
      throw new IllegalArgumentException("claimFor must be positive, was " + claimFor);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    Instant until = Timestamps.stored(now.plus(claimFor));
    return jdbi.inTransaction(
        handle -> {
          List<OutboxDelivery> due =
              Sql.list(
                  handle,
                  DUE_HEADS,
                  this::delivery,
                  Timestamps.floor(now),
                  Timestamps.floor(now),
                  max);
          List<OutboxDelivery> usedUp =
              due.stream().filter(delivery -> delivery.attempts() >= maxAttempts).toList();
          if (!usedUp.isEmpty()) {
            rows.bury(
                handle,
                usedUp.stream()
                    .map(
                        delivery ->
                            new ClaimedRows.Buried(
                                List.of(delivery.event().id().value()), delivery.exhaustedError()))
                    .toList(),
                Timestamps.floor(now));
          }
          List<OutboxDelivery> claimable =
              due.stream().filter(delivery -> delivery.attempts() < maxAttempts).toList();
          if (claimable.isEmpty()) {
            return List.of();
          }
          // A token per delivery, not per claim: a dispatcher that settled some of its batch and
          // died holding the rest must not have the rest pass for settled.
          List<OutboxDelivery> claimed =
              claimable.stream()
                  .map(delivery -> claimed(delivery, UUID.randomUUID().toString(), until))
                  .toList();
          Timestamps.Bound held = Timestamps.floor(until);
          Sql.batch(
              handle,
              "update outbox_events set status = 'CLAIMED', claim_token = ?, claimed_until = ?,"
                  + " attempts = attempts + 1 where id = ?",
              claimed.stream()
                  .map(
                      delivery ->
                          new Object[] {delivery.claimToken(), held, delivery.event().id().value()})
                  .toList());
          return claimed;
        });
  }

  private static OutboxDelivery claimed(OutboxDelivery delivery, String token, Instant until) {
    return new OutboxDelivery(
        delivery.event(),
        OutboxDelivery.Status.CLAIMED,
        delivery.attempts() + 1,
        delivery.nextAttemptAt(),
        token,
        until,
        delivery.lastError(),
        delivery.deliveredAt());
  }

  @Override
  public boolean markDelivered(OutboxDelivery claimed, Instant now) {
    return rows.settle(
        List.of(idOf(claimed)),
        claimed.claimToken(),
        OutboxDelivery.Status.DELIVERED.name(),
        "delivered_at = ?",
        Timestamps.floor(Objects.requireNonNull(now, "now")));
  }

  @Override
  public boolean markFailed(OutboxDelivery claimed, String error, Instant nextAttemptAt) {
    return rows.failed(
        List.of(idOf(claimed)),
        claimed.claimToken(),
        Timestamps.floor(Objects.requireNonNull(nextAttemptAt, "nextAttemptAt")),
        OutboxDelivery.storableError(error));
  }

  @Override
  public boolean markDead(OutboxDelivery claimed, String error, Instant now) {
    return rows.dead(
        List.of(idOf(claimed)),
        claimed.claimToken(),
        Timestamps.floor(Objects.requireNonNull(now, "now")),
        OutboxDelivery.storableError(error));
  }

  @Override
  public boolean release(OutboxDelivery claimed) {
    return rows.released(List.of(idOf(claimed)), claimed.claimToken());
  }

  private static String idOf(OutboxDelivery claimed) {
    return Objects.requireNonNull(claimed, "claimed").event().id().value();
  }

  @Override
  public Optional<OutboxDelivery> find(OutboxEventId id) {
    Objects.requireNonNull(id, "id");
    return jdbi.withHandle(
        handle ->
            Sql.first(
                handle,
                "select " + COLUMNS + " from outbox_events where id = ?",
                this::delivery,
                id.value()));
  }

  @Override
  public List<OutboxDelivery> deadLetters(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    return jdbi.withHandle(
        handle ->
            Sql.list(
                handle,
                "select "
                    + COLUMNS
                    + " from outbox_events where status = 'DEAD'"
                    + " order by occurred_at, payment_id, sequence_no limit ?",
                this::delivery,
                limit));
  }

  @Override
  public boolean replay(OutboxEventId id, Instant now) {
    Objects.requireNonNull(id, "id");
    return jdbi.withHandle(
            handle ->
                Sql.update(
                    handle,
                    "update outbox_events set status = 'PENDING', next_attempt_at = ?,"
                        + " attempts = 0, dead_at = null"
                        + " where id = ? and status = 'DEAD'",
                    Timestamps.floor(Objects.requireNonNull(now, "now")),
                    id.value()))
        == 1;
  }

  @Override
  public OutboxBacklog backlog(Instant now) {
    ClaimedRows.Waiting waiting =
        rows.waiting(now, OutboxDelivery.Status.DELIVERED.name(), "occurred_at");
    return new OutboxBacklog(waiting.waiting(), waiting.dead(), waiting.oldestAge());
  }

  @Override
  public int purgeDelivered(Instant before) {
    Objects.requireNonNull(before, "before");
    return jdbi.withHandle(
        handle ->
            Sql.update(
                handle,
                "delete from outbox_events where status = 'DELIVERED' and delivered_at < ?",
                Timestamps.ceil(before)));
  }

  private OutboxDelivery delivery(ResultSet row) throws SQLException {
    String id = row.getString("id");
    String wireName = row.getString("type");
    OutboxEventType type =
        OutboxEventType.ofWireName(wireName)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "outbox event " + id + " has a type this Paykit does not know"));
    OutboxEvent event =
        new OutboxEvent(
            new OutboxEventId(id),
            type,
            new PaymentId(row.getString("payment_id")),
            row.getString("refund_id"),
            new ExternalId(row.getString("external_id")),
            row.getLong("sequence_no"),
            Timestamps.read(row, "occurred_at"),
            fromJson(id, row.getString("payload")));
    return new OutboxDelivery(
        event,
        OutboxDelivery.Status.valueOf(row.getString("status")),
        row.getInt("attempts"),
        Timestamps.read(row, "next_attempt_at"),
        row.getString("claim_token"),
        Timestamps.read(row, "claimed_until"),
        row.getString("last_error"),
        Timestamps.read(row, "delivered_at"));
  }

  // Jackson's exceptions quote the text they were given, which here is the payload; they are
  // dropped rather than kept as a cause, and the failure names the event only.
  private String toJson(OutboxEvent event) {
    try {
      return json.writeValueAsString(event.payload());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "the payload of outbox event " + event.id() + " cannot be written as JSON");
    }
  }

  private Map<String, String> fromJson(String id, String text) {
    try {
      return json.readValue(text, PAYLOAD);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "the stored payload of outbox event " + id + " is not a JSON object of strings");
    }
  }
}
