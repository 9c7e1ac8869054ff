package dev.paykit.adapter.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.DeclineCode;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Failure;
import dev.paykit.domain.payment.FailureReason;
import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Metadata;
import dev.paykit.domain.payment.Outcome;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ReturnUrls;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.domain.payment.TransitionSource;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.StoreConflictException;
import dev.paykit.port.out.StoreConflictException.Kind;
import dev.paykit.port.shared.PageCursor;
import dev.paykit.port.shared.PaymentPage;
import dev.paykit.port.shared.PaymentQuery;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * Payments in {@code payments}, their history in {@code payment_history}. The database enforces
 * what must hold across app instances: unique ids and idempotency keys, one active or succeeded
 * payment per order, and optimistic locking through the version column. Instants come back
 * truncated to microseconds.
 */
public final class JdbiPaymentStore implements PaymentStore {

  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

  private static final String COLUMNS =
      "id, idempotency_key, external_id, amount_minor, currency, description, metadata,"
          + " success_url, cancel_url, expires_in, state, failure_reason, decline_code,"
          + " failure_detail, transaction_id, checkout_url, created_at, updated_at, version";

  private final Jdbi jdbi;
  private final ObjectMapper json = new ObjectMapper();

  @Inject
  public JdbiPaymentStore(Jdbi jdbi) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
  }

  @Override
  public void insert(Payment payment) {
    try {
      jdbi.useTransaction(
          handle -> {
            insertRow(handle, payment);
            append(handle, payment.id(), payment.history());
          });
    } catch (JdbiException e) {
      throw conflict(e, payment).orElseThrow(() -> e);
    }
  }

  @Override
  public boolean update(Payment updated, long expectedVersion) {
    if (updated.version() <= expectedVersion) {
      throw new IllegalArgumentException(
          "an update must raise the version: "
              + updated.id()
              + " is at "
              + updated.version()
              + ", expected "
              + expectedVersion);
    }
    List<HistoryEntry> added =
        updated.history().stream()
            .filter(entry -> entry.sequence() > expectedVersion)
            .collect(Collectors.toList());
    // The request and the idempotency key never change after creation; only what the lifecycle
    // moves is written. Row and history commit together or not at all.
    return jdbi.inTransaction(
        handle -> {
          int changed =
              handle
                  .createUpdate(
                      "update payments set state = :state, failure_reason = :failureReason,"
                          + " decline_code = :declineCode, failure_detail = :failureDetail,"
                          + " transaction_id = :transactionId, checkout_url = :checkoutUrl,"
                          + " updated_at = :updatedAt, version = :version"
                          + " where id = :id and version = :expected")
                  .bind("state", updated.state().name())
                  .bind("failureReason", failureReason(updated.failure()))
                  .bind("declineCode", declineCode(updated.failure()))
                  .bind("failureDetail", failureDetail(updated.failure()))
                  .bind("transactionId", text(updated.transactionId()))
                  .bind("checkoutUrl", text(updated.checkoutUrl()))
                  .bind("updatedAt", Timestamps.floor(updated.updatedAt()))
                  .bind("version", updated.version())
                  .bind("id", updated.id().value())
                  .bind("expected", expectedVersion)
                  .execute();
          if (changed == 0) {
            return false;
          }
          append(handle, updated.id(), added);
          return true;
        });
  }

  @Override
  public Optional<Payment> findById(PaymentId id) {
    return first("id = :value", q -> q.bind("value", id.value()));
  }

  @Override
  public Optional<Payment> findByTransactionId(TransactionId transactionId) {
    return first("transaction_id = :value", q -> q.bind("value", transactionId.value()));
  }

  @Override
  public Optional<Payment> findByIdempotencyKey(IdempotencyKey key) {
    return first("idempotency_key = :value", q -> q.bind("value", key.value()));
  }

  @Override
  public List<Payment> findByExternalId(ExternalId externalId) {
    return select(
        "where external_id = :value order by created_at, id",
        q -> q.bind("value", externalId.value()));
  }

  /** By {@code last_news_at}, which the database derives from the update and look-up times. */
  @Override
  public List<Payment> findStale(Set<PaymentState> states, Instant quietBefore, int limit) {
    if (!StaleRows.askable(states, limit)) {
      return List.of();
    }
    return select(StaleRows.clauses("last_news_at"), StaleRows.bind(states, quietBefore, limit));
  }

  @Override
  public boolean recordLookUp(PaymentId id, Instant at) {
    return jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "update payments set looked_up_at = case when looked_up_at is null"
                            + " or looked_up_at < :at then :at else looked_up_at end"
                            + " where id = :id")
                    .bind("at", Timestamps.floor(at))
                    .bind("id", id.value())
                    .execute())
        == 1;
  }

  @Override
  public PaymentPage list(PaymentQuery query) {
    List<String> conditions = new ArrayList<>();
    List<Consumer<Query>> binds = new ArrayList<>();
    if (query.externalId() != null) {
      conditions.add("external_id = :externalId");
      binds.add(q -> q.bind("externalId", query.externalId().value()));
    }
    if (query.state() != null) {
      conditions.add("state = :state");
      binds.add(q -> q.bind("state", query.state().name()));
    }
    if (query.createdFrom() != null) {
      conditions.add("created_at >= :createdFrom");
      binds.add(q -> q.bind("createdFrom", Timestamps.ceil(query.createdFrom())));
    }
    if (query.createdTo() != null) {
      conditions.add("created_at < :createdTo");
      binds.add(q -> q.bind("createdTo", Timestamps.ceil(query.createdTo())));
    }
    query
        .cursor()
        .ifPresent(
            cursor -> {
              conditions.add("(created_at, id) < (:afterAt, :afterId)");
              binds.add(
                  q ->
                      q.bind("afterAt", Timestamps.floor(cursor.createdAt()))
                          .bind("afterId", cursor.id().value()));
            });
    String where = conditions.isEmpty() ? "" : "where " + String.join(" and ", conditions);
    // One row more than the page tells whether there is a next page without counting.
    List<Payment> rows =
        select(
            where + " order by created_at desc, id desc limit :limit",
            q -> {
              binds.forEach(bind -> bind.accept(q));
              q.bind("limit", query.limit() + 1);
            });
    if (rows.size() <= query.limit()) {
      return new PaymentPage(rows, null);
    }
    List<Payment> page = rows.subList(0, query.limit());
    Payment last = page.get(page.size() - 1);
    return new PaymentPage(page, new PageCursor(last.createdAt(), last.id()));
  }

  private Optional<Payment> first(String condition, Consumer<Query> bind) {
    return select("where " + condition + " order by created_at, id limit 1", bind).stream()
        .findFirst();
  }

  /**
   * Payments with their history. The history is read after the rows and may already hold entries of
   * a newer version (history is committed together with the row it belongs to), so each payment
   * keeps only the entries up to the version that was read: a consistent snapshot without holding a
   * transaction open across both reads.
   */
  private List<Payment> select(String clauses, Consumer<Query> bind) {
    return jdbi.withHandle(
        handle -> {
          Query query = handle.createQuery("select " + COLUMNS + " from payments " + clauses);
          bind.accept(query);
          List<Payment> rows = query.map((row, context) -> payment(row)).list();
          if (rows.isEmpty()) {
            return rows;
          }
          Map<String, List<HistoryEntry>> histories = histories(handle, rows);
          List<Payment> payments = new ArrayList<>(rows.size());
          for (Payment row : rows) {
            List<HistoryEntry> history =
                histories.getOrDefault(row.id().value(), List.of()).stream()
                    .filter(entry -> entry.sequence() <= row.version())
                    .collect(Collectors.toList());
            payments.add(withHistory(row, history));
          }
          return payments;
        });
  }

  private static Map<String, List<HistoryEntry>> histories(Handle handle, List<Payment> rows) {
    List<String> ids =
        rows.stream().map(p -> p.id().value()).distinct().collect(Collectors.toList());
    return handle
        .createQuery(
            "select payment_id, sequence_no, from_state, reported, outcome, source, occurred_at,"
                + " event_id, request_id, detail from payment_history"
                + " where payment_id in (<ids>) order by payment_id, sequence_no")
        .bindList("ids", ids)
        .map((row, context) -> new Line(row.getString("payment_id"), historyEntry(row)))
        .list()
        .stream()
        .collect(
            Collectors.groupingBy(
                Line::paymentId, Collectors.mapping(Line::entry, Collectors.toList())));
  }

  /** One history row, with the payment it belongs to. */
  private record Line(String paymentId, HistoryEntry entry) {}

  private void insertRow(Handle handle, Payment payment) {
    PaymentRequest request = payment.request();
    handle
        .createUpdate(
            "insert into payments ("
                + COLUMNS
                + ") values (:id, :idempotencyKey, :externalId, :amountMinor, :currency,"
                + " :description, :metadata, :successUrl, :cancelUrl, :expiresIn, :state,"
                + " :failureReason, :declineCode, :failureDetail, :transactionId, :checkoutUrl,"
                + " :createdAt, :updatedAt, :version)")
        .bind("id", payment.id().value())
        .bind("idempotencyKey", payment.idempotencyKey().value())
        .bind("externalId", request.externalId().value())
        .bind("amountMinor", request.amount().minorUnits())
        .bind("currency", request.amount().currencyCode())
        .bind("description", request.description())
        .bind("metadata", toJson(request.metadata()))
        .bind("successUrl", request.returnUrls().successUrl().toString())
        .bind("cancelUrl", request.returnUrls().cancelUrl().toString())
        .bind("expiresIn", request.expiresIn().toString())
        .bind("state", payment.state().name())
        .bind("failureReason", failureReason(payment.failure()))
        .bind("declineCode", declineCode(payment.failure()))
        .bind("failureDetail", failureDetail(payment.failure()))
        .bind("transactionId", text(payment.transactionId()))
        .bind("checkoutUrl", text(payment.checkoutUrl()))
        .bind("createdAt", Timestamps.floor(payment.createdAt()))
        .bind("updatedAt", Timestamps.floor(payment.updatedAt()))
        .bind("version", payment.version())
        .execute();
  }

  private static void append(Handle handle, PaymentId id, List<HistoryEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    PreparedBatch batch =
        handle.prepareBatch(
            "insert into payment_history (payment_id, sequence_no, from_state, reported, outcome,"
                + " source, occurred_at, event_id, request_id, detail) values (:paymentId,"
                + " :sequence, :from, :reported, :outcome, :source, :at, :eventId, :requestId,"
                + " :detail)");
    for (HistoryEntry entry : entries) {
      batch
          .bind("paymentId", id.value())
          .bind("sequence", entry.sequence())
          .bind("from", entry.from() == null ? null : entry.from().name())
          .bind("reported", entry.reported().name())
          .bind("outcome", entry.outcome().name())
          .bind("source", entry.source().name())
          .bind("at", Timestamps.floor(entry.at()))
          .bind("eventId", entry.eventId())
          .bind("requestId", entry.requestId())
          .bind("detail", entry.detail())
          .add();
    }
    batch.execute();
  }

  private static Optional<StoreConflictException> conflict(JdbiException failure, Payment payment) {
    return UniqueViolation.constraint(failure)
        .flatMap(
            constraint -> {
              switch (constraint) {
                case "payments_active_order_uq":
                  return Optional.of(
                      new StoreConflictException(
                          Kind.ACTIVE_PAYMENT_FOR_ORDER,
                          "order "
                              + payment.externalId()
                              + " already has a payment that is active or succeeded",
                          failure));
                case "payments_idempotency_key_uq":
                  return Optional.of(
                      new StoreConflictException(
                          Kind.DUPLICATE_IDEMPOTENCY_KEY,
                          "a payment with the idempotency key of " + payment.id() + " exists",
                          failure));
                case "payments_pk":
                  return Optional.of(
                      new StoreConflictException(
                          Kind.DUPLICATE_ID, "payment " + payment.id() + " exists", failure));
                default:
                  return Optional.empty();
              }
            });
  }

  private Payment payment(ResultSet row) throws SQLException {
    PaymentRequest request =
        new PaymentRequest(
            new ExternalId(row.getString("external_id")),
            Money.of(row.getLong("amount_minor"), row.getString("currency")),
            row.getString("description"),
            fromJson(row.getString("metadata")),
            ReturnUrls.of(row.getString("success_url"), row.getString("cancel_url")),
            Duration.parse(row.getString("expires_in")));
    String reason = row.getString("failure_reason");
    String declineCode = row.getString("decline_code");
    Failure failure =
        reason == null
            ? null
            : new Failure(
                FailureReason.valueOf(reason),
                declineCode == null ? null : new DeclineCode(declineCode),
                row.getString("failure_detail"));
    String transactionId = row.getString("transaction_id");
    String checkoutUrl = row.getString("checkout_url");
    return new Payment(
        new PaymentId(row.getString("id")),
        IdempotencyKey.of(row.getString("idempotency_key")),
        request,
        PaymentState.valueOf(row.getString("state")),
        failure,
        transactionId == null ? null : new TransactionId(transactionId),
        checkoutUrl == null ? null : URI.create(checkoutUrl),
        Timestamps.read(row, "created_at"),
        Timestamps.read(row, "updated_at"),
        row.getLong("version"),
        List.of());
  }

  private static HistoryEntry historyEntry(ResultSet row) throws SQLException {
    String from = row.getString("from_state");
    return new HistoryEntry(
        row.getLong("sequence_no"),
        from == null ? null : PaymentState.valueOf(from),
        PaymentState.valueOf(row.getString("reported")),
        Outcome.valueOf(row.getString("outcome")),
        TransitionSource.valueOf(row.getString("source")),
        Timestamps.read(row, "occurred_at"),
        row.getString("event_id"),
        row.getString("request_id"),
        row.getString("detail"));
  }

  private static Payment withHistory(Payment row, List<HistoryEntry> history) {
    return new Payment(
        row.id(),
        row.idempotencyKey(),
        row.request(),
        row.state(),
        row.failure(),
        row.transactionId(),
        row.checkoutUrl(),
        row.createdAt(),
        row.updatedAt(),
        row.version(),
        history);
  }

  private String toJson(Metadata metadata) {
    try {
      return json.writeValueAsString(metadata.entries());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Metadata fromJson(String text) {
    try {
      return Metadata.of(json.readValue(text, STRING_MAP));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String failureReason(Failure failure) {
    return failure == null ? null : failure.reason().name();
  }

  private static String declineCode(Failure failure) {
    return failure == null || failure.declineCode() == null ? null : failure.declineCode().value();
  }

  private static String failureDetail(Failure failure) {
    return failure == null ? null : failure.detail();
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
