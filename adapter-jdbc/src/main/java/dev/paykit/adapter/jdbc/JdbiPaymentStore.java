package dev.paykit.adapter.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.Charging;
import dev.paykit.domain.payment.CustomerId;
import dev.paykit.domain.payment.DeclineCode;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Failure;
import dev.paykit.domain.payment.FailureReason;
import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Metadata;
import dev.paykit.domain.payment.Outcome;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.PaymentMethodId;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ProviderName;
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
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Payments in {@code payments}, their history in {@code payment_history}. The database enforces
 * what must hold across app instances: unique ids and idempotency keys, one active or succeeded
 * payment per order, and optimistic locking through the version column. Instants come back
 * truncated to microseconds.
 *
 * <p>A payment is read in one statement with its latest history entry, the one whose sequence is
 * the row's version: the two are written together, so one statement always sees a matching pair,
 * and a read costs the same however long the history. Inside a {@link JdbiUnitOfWork} phase every
 * method runs in the phase's transaction; none leaves it unusable (see there).
 */
public final class JdbiPaymentStore implements PaymentStore {

  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

  private static final String COLUMNS =
      "id, idempotency_key, external_id, amount_minor, currency, description, metadata,"
          + " success_url, cancel_url, expires_in, state, failure_reason, decline_code,"
          + " failure_detail, transaction_id, checkout_url, created_at, updated_at, version,"
          + " charging, customer_id, payment_method_id, provider";

  private static final String HISTORY_COLUMNS =
      "sequence_no, from_state, reported, outcome, source, occurred_at, event_id, request_id,"
          + " detail, repeats, last_seen_at";

  /** A payment row with its latest history row; clauses may name either table's columns bare. */
  private static final String SELECT =
      "select p."
          + COLUMNS.replace(", ", ", p.")
          + ", h."
          + HISTORY_COLUMNS.replace(", ", ", h.")
          + " from payments p join payment_history h"
          + " on h.payment_id = p.id and h.sequence_no = p.version ";

  private static final String INSERT =
      "insert into payments ("
          + COLUMNS
          + ") values ("
          + Sql.parameters(23)
          + ") on conflict do nothing";

  private static final String INSERT_ENTRY =
      "insert into payment_history (payment_id, "
          + HISTORY_COLUMNS
          + ") values ("
          + Sql.parameters(12)
          + ")";

  // The states V2's payments_active_order_uq counts: an order's payment that is active or paid.
  private static final String COUNTS_FOR_ORDER =
      "state in ('CREATED', 'SUBMITTED', 'STARTED', 'IN_PROGRESS', 'SUCCEEDED')";

  /**
   * How often an insert that conflicted is tried again when the conflicting payment is gone by the
   * time it is looked for (its order's payment ended meanwhile); more means a constraint this store
   * does not know of.
   */
  private static final int INSERT_ATTEMPTS = 3;

  private final Jdbi jdbi;
  private final ObjectMapper json = new ObjectMapper();

  @Inject
  public JdbiPaymentStore(Jdbi jdbi) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
  }

  /**
   * {@code ON CONFLICT DO NOTHING}, then a read that names the conflict, rather than catching the
   * unique violation: a failed statement would abort the transaction of the phase the insert is
   * part of, and the caller may well want to carry on in it after the conflict.
   */
  @Override
  public void insert(Payment payment) {
    Object[] row = row(payment);
    jdbi.useTransaction(
        handle -> {
          for (int attempt = 0; attempt < INSERT_ATTEMPTS; attempt++) {
            if (Sql.update(handle, INSERT, row) == 1) {
              insertEntry(handle, payment.id(), payment.latest());
              return;
            }
            Optional<StoreConflictException> conflict = conflict(handle, payment);
            if (conflict.isPresent()) {
              throw conflict.get();
            }
          }
          throw new IllegalStateException(
              "payment "
                  + payment.id()
                  + " was refused by a unique constraint Paykit does not know");
        });
  }

  @Override
  public boolean update(Payment updated, long expectedVersion) {
    if (updated.version() != expectedVersion + 1) {
      throw new IllegalArgumentException(
          "an update must raise the version by one: "
              + updated.id()
              + " is at "
              + updated.version()
              + ", expected "
              + expectedVersion);
    }
    Failure failure = updated.failure();
    // The request and the idempotency key never change after creation; only what the lifecycle
    // moves, and the provider a failover moves it to, is written. Row and history entry commit
    // together or not at all.
    return jdbi.inTransaction(
        handle -> {
          int changed =
              Sql.update(
                  handle,
                  "update payments set state = ?, failure_reason = ?, decline_code = ?,"
                      + " failure_detail = ?, transaction_id = ?, checkout_url = ?,"
                      + " updated_at = ?, version = ?, provider = ? where id = ? and version = ?",
                  updated.state().name(),
                  failureReason(failure),
                  declineCode(failure),
                  failureDetail(failure),
                  text(updated.transactionId()),
                  text(updated.checkoutUrl()),
                  Timestamps.floor(updated.updatedAt()),
                  updated.version(),
                  updated.provider().value(),
                  updated.id().value(),
                  expectedVersion);
          if (changed == 0) {
            return false;
          }
          insertEntry(handle, updated.id(), updated.latest());
          return true;
        });
  }

  /**
   * One statement: the entry's row is changed only while the payment's version is still the entry's
   * sequence. An update that commits while it runs changes other rows only, so the repeat counts as
   * having come before that update.
   */
  @Override
  public boolean countRepeat(PaymentId id, HistoryEntry repeated) {
    Objects.requireNonNull(id, "id");
    if (repeated.repeats() == 0) {
      throw new IllegalArgumentException(
          "entry " + repeated.sequence() + " of " + id + " was not repeated: repeats is 0");
    }
    Timestamps.Bound lastSeen = Timestamps.floor(repeated.lastSeenAt());
    return jdbi.withHandle(
            handle ->
                Sql.update(
                    handle,
                    "update payment_history set repeats = repeats + 1,"
                        + " last_seen_at = case when last_seen_at is null or last_seen_at < ?"
                        + " then ? else last_seen_at end"
                        + " where payment_id = ? and sequence_no = ?"
                        + " and sequence_no = (select version from payments where id = ?)",
                    lastSeen,
                    lastSeen,
                    id.value(),
                    repeated.sequence(),
                    id.value()))
        == 1;
  }

  /** Up to the payment's version, like every read: never an entry of an update still committing. */
  @Override
  public List<HistoryEntry> history(PaymentId id) {
    return jdbi.withHandle(
        handle ->
            Sql.list(
                handle,
                "select h."
                    + HISTORY_COLUMNS.replace(", ", ", h.")
                    + " from payment_history h join payments p on p.id = h.payment_id"
                    + " where h.payment_id = ? and h.sequence_no <= p.version"
                    + " order by h.sequence_no",
                JdbiPaymentStore::historyEntry,
                id.value()));
  }

  @Override
  public Optional<Payment> findById(PaymentId id) {
    return first("where p.id = ?", id.value());
  }

  @Override
  public Optional<Payment> findByTransactionId(ProviderName provider, TransactionId transactionId) {
    return first(
        "where p.provider = ? and p.transaction_id = ? order by p.created_at, p.id limit 1",
        provider.value(),
        transactionId.value());
  }

  @Override
  public Optional<Payment> findByIdempotencyKey(IdempotencyKey key) {
    return first("where p.idempotency_key = ?", key.value());
  }

  @Override
  public List<Payment> findByExternalId(ExternalId externalId) {
    return select("where p.external_id = ? order by p.created_at, p.id", externalId.value());
  }

  /** By {@code last_news_at}, which the database derives from the update and look-up times. */
  @Override
  public List<Payment> findStale(Set<PaymentState> states, Instant quietBefore, int limit) {
    if (!StaleRows.askable(states, limit)) {
      return List.of();
    }
    return select(
        StaleRows.clauses("last_news_at", states), StaleRows.values(states, quietBefore, limit));
  }

  @Override
  public boolean recordLookUp(PaymentId id, Instant at) {
    Timestamps.Bound when = Timestamps.floor(at);
    return jdbi.withHandle(
            handle ->
                Sql.update(
                    handle,
                    "update payments set looked_up_at = case when looked_up_at is null"
                        + " or looked_up_at < ? then ? else looked_up_at end where id = ?",
                    when,
                    when,
                    id.value()))
        == 1;
  }

  @Override
  public PaymentPage list(PaymentQuery query) {
    List<String> conditions = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    if (query.externalId() != null) {
      conditions.add("p.external_id = ?");
      values.add(query.externalId().value());
    }
    if (query.state() != null) {
      conditions.add("p.state = ?");
      values.add(query.state().name());
    }
    if (query.createdFrom() != null) {
      conditions.add("p.created_at >= ?");
      values.add(Timestamps.ceil(query.createdFrom()));
    }
    if (query.createdTo() != null) {
      conditions.add("p.created_at < ?");
      values.add(Timestamps.ceil(query.createdTo()));
    }
    query
        .cursor()
        .ifPresent(
            cursor -> {
              conditions.add("(p.created_at, p.id) < (?, ?)");
              values.add(Timestamps.floor(cursor.createdAt()));
              values.add(cursor.id().value());
            });
    String where = conditions.isEmpty() ? "" : "where " + String.join(" and ", conditions);
    // One row more than the page tells whether there is a next page without counting.
    values.add(query.limit() + 1);
    List<Payment> rows =
        select(where + " order by p.created_at desc, p.id desc limit ?", values.toArray());
    if (rows.size() <= query.limit()) {
      return new PaymentPage(rows, null);
    }
    List<Payment> page = rows.subList(0, query.limit());
    Payment last = page.get(page.size() - 1);
    return new PaymentPage(page, new PageCursor(last.createdAt(), last.id()));
  }

  private Optional<Payment> first(String clauses, Object... values) {
    return jdbi.withHandle(handle -> Sql.first(handle, SELECT + clauses, this::payment, values));
  }

  private List<Payment> select(String clauses, Object... values) {
    return jdbi.withHandle(handle -> Sql.list(handle, SELECT + clauses, this::payment, values));
  }

  private Object[] row(Payment payment) {
    PaymentRequest request = payment.request();
    Failure failure = payment.failure();
    return new Object[] {
      payment.id().value(),
      payment.idempotencyKey().value(),
      request.externalId().value(),
      request.amount().minorUnits(),
      request.amount().currencyCode(),
      request.description(),
      toJson(request.metadata()),
      request.returnUrls().successUrl().toString(),
      request.returnUrls().cancelUrl().toString(),
      request.expiresIn().toString(),
      payment.state().name(),
      failureReason(failure),
      declineCode(failure),
      failureDetail(failure),
      text(payment.transactionId()),
      text(payment.checkoutUrl()),
      Timestamps.floor(payment.createdAt()),
      Timestamps.floor(payment.updatedAt()),
      payment.version(),
      chargingName(request.charging()),
      customerOf(request.charging()),
      request.charging() instanceof Charging.OffSession off ? off.method().value() : null,
      payment.provider().value()
    };
  }

  private static String chargingName(Charging charging) {
    if (charging instanceof Charging.OffSession) {
      return "OFF_SESSION";
    }
    return charging instanceof Charging.CheckoutSavingMethod ? "SAVE_METHOD" : "CHECKOUT";
  }

  private static String customerOf(Charging charging) {
    if (charging instanceof Charging.OffSession off) {
      return off.customer().value();
    }
    return charging instanceof Charging.CheckoutSavingMethod saving
        ? saving.customer().value()
        : null;
  }

  /** The charging the row says, so that a renewal finished later is sent exactly as it was. */
  private static Charging charging(ResultSet row) throws SQLException {
    String kind = row.getString("charging");
    return switch (kind) {
      case "OFF_SESSION" ->
          new Charging.OffSession(
              new CustomerId(row.getString("customer_id")),
              new PaymentMethodId(row.getString("payment_method_id")));
      case "SAVE_METHOD" ->
          new Charging.CheckoutSavingMethod(new CustomerId(row.getString("customer_id")));
      default -> Charging.CHECKOUT;
    };
  }

  private static void insertEntry(Handle handle, PaymentId id, HistoryEntry entry) {
    Sql.update(
        handle,
        INSERT_ENTRY,
        id.value(),
        entry.sequence(),
        entry.from() == null ? null : entry.from().name(),
        entry.reported().name(),
        entry.outcome().name(),
        entry.source().name(),
        Timestamps.floor(entry.at()),
        entry.eventId(),
        entry.requestId(),
        entry.detail(),
        entry.repeats(),
        Timestamps.floor(entry.lastSeenAt()));
  }

  /**
   * Which stored payment the insert of {@code payment} ran into, by the constraint the database
   * would have named: the id first, then the key, then the order. Empty if none is there (any
   * more).
   */
  private static Optional<StoreConflictException> conflict(Handle handle, Payment payment) {
    List<String[]> clashes =
        Sql.list(
            handle,
            "select id, idempotency_key from payments where id = ? or idempotency_key = ?"
                + " or (external_id = ? and "
                + COUNTS_FOR_ORDER
                + ")",
            row -> new String[] {row.getString("id"), row.getString("idempotency_key")},
            payment.id().value(),
            payment.idempotencyKey().value(),
            payment.externalId().value());
    if (clashes.stream().anyMatch(clash -> clash[0].equals(payment.id().value()))) {
      return Optional.of(
          new StoreConflictException(
              Kind.DUPLICATE_ID, "payment " + payment.id() + " exists (payments_pk)"));
    }
    if (clashes.stream().anyMatch(clash -> clash[1].equals(payment.idempotencyKey().value()))) {
      return Optional.of(
          new StoreConflictException(
              Kind.DUPLICATE_IDEMPOTENCY_KEY,
              "a payment with the idempotency key of "
                  + payment.id()
                  + " exists (payments_idempotency_key_uq)"));
    }
    if (!clashes.isEmpty()) {
      return Optional.of(
          new StoreConflictException(
              Kind.ACTIVE_PAYMENT_FOR_ORDER,
              "order "
                  + payment.externalId()
                  + " already has a payment that is active or succeeded"
                  + " (payments_active_order_uq)"));
    }
    return Optional.empty();
  }

  private Payment payment(ResultSet row) throws SQLException {
    PaymentRequest request =
        new PaymentRequest(
            new ExternalId(row.getString("external_id")),
            Money.of(row.getLong("amount_minor"), row.getString("currency")),
            row.getString("description"),
            fromJson(row.getString("metadata")),
            ReturnUrls.of(row.getString("success_url"), row.getString("cancel_url")),
            Duration.parse(row.getString("expires_in")),
            charging(row));
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
        new ProviderName(row.getString("provider")),
        request,
        PaymentState.valueOf(row.getString("state")),
        failure,
        transactionId == null ? null : new TransactionId(transactionId),
        checkoutUrl == null ? null : URI.create(checkoutUrl),
        Timestamps.read(row, "created_at"),
        Timestamps.read(row, "updated_at"),
        row.getLong("version"),
        historyEntry(row));
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
        row.getString("detail"),
        row.getInt("repeats"),
        Timestamps.read(row, "last_seen_at"));
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
