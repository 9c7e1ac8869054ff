package dev.paykit.adapter.jdbc;

import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.CustomerId;
import dev.paykit.domain.payment.Outcome;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.PaymentMethodId;
import dev.paykit.domain.subscription.BillingInterval;
import dev.paykit.domain.subscription.BillingUnit;
import dev.paykit.domain.subscription.DunningPolicy;
import dev.paykit.domain.subscription.Plan;
import dev.paykit.domain.subscription.Subscription;
import dev.paykit.domain.subscription.SubscriptionEvent;
import dev.paykit.domain.subscription.SubscriptionHistoryEntry;
import dev.paykit.domain.subscription.SubscriptionId;
import dev.paykit.domain.subscription.SubscriptionState;
import dev.paykit.domain.subscription.SubscriptionStep;
import dev.paykit.domain.subscription.SubscriptionTerms;
import dev.paykit.port.out.StoreConflictException;
import dev.paykit.port.out.StoreConflictException.Kind;
import dev.paykit.port.out.SubscriptionStore;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Subscriptions in {@code subscriptions}, their timelines in {@code subscription_history} (V8). A
 * subscription is read in one statement with its latest entry, a step's row and entry commit
 * together, and the row keeps {@code wake_at}, the subscription's own {@link
 * Subscription#wakeAt()}, so that the scheduler's claim is an index range: {@code FOR UPDATE SKIP
 * LOCKED} lets several instances claim side by side without waiting for each other.
 */
public final class JdbiSubscriptionStore implements SubscriptionStore {

  private static final String COLUMNS =
      "id, customer_id, plan_name, price_minor, currency, interval_unit, interval_count,"
          + " trial, notice_seconds, dunning_retries, on_exhaustion, zone,"
          + " state, anchor, cycle, payment_method_id, noticed_cycle, attempts, pending_charge,"
          + " update_checkout, customer_action_required, cancel_at_period_end, sign_up_payment,"
          + " created_at, updated_at, wake_at, version";

  private static final String HISTORY_COLUMNS =
      "sequence_no, from_state, event, to_state, outcome, entry_cycle, occurred_at, detail";

  private static final String SELECT =
      "select s."
          + COLUMNS.replace(", ", ", s.")
          + ", h."
          + HISTORY_COLUMNS.replace(", ", ", h.")
          + " from subscriptions s join subscription_history h"
          + " on h.subscription_id = s.id and h.sequence_no = s.version ";

  private final Jdbi jdbi;

  @Inject
  public JdbiSubscriptionStore(Jdbi jdbi) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
  }

  @Override
  public void insert(Subscription s) {
    Plan plan = s.plan();
    SubscriptionTerms terms = s.terms();
    jdbi.useTransaction(
        handle -> {
          // ON CONFLICT DO NOTHING and a count rather than a caught unique violation, which would
          // abort the transaction of a phase the insert is part of.
          int inserted =
              Sql.update(
                  handle,
                  "insert into subscriptions ("
                      + COLUMNS
                      + ") values ("
                      + Sql.parameters(27)
                      + ") on conflict do nothing",
                  s.id().value(),
                  s.customer().value(),
                  plan.name(),
                  plan.price().minorUnits(),
                  plan.price().currencyCode(),
                  plan.interval().unit().name(),
                  plan.interval().count(),
                  plan.trialPeriod().map(t -> t.count() + " " + t.unit().name()).orElse(null),
                  terms.noticeBefore().toSeconds(),
                  terms.dunning().retries().stream()
                      .map(d -> Long.toString(d.toSeconds()))
                      .collect(Collectors.joining(",")),
                  terms.dunning().onExhaustion().name(),
                  s.zone().getId(),
                  s.state().name(),
                  Timestamps.floor(s.anchor()),
                  s.cycle(),
                  s.method().map(PaymentMethodId::value).orElse(null),
                  s.noticedCycle(),
                  s.attempts(),
                  s.chargeInFlight().map(PaymentId::value).orElse(null),
                  s.openCheckout().map(PaymentId::value).orElse(null),
                  s.customerActionRequired(),
                  s.cancelAtPeriodEnd(),
                  s.signUpPayment().value(),
                  Timestamps.floor(s.createdAt()),
                  Timestamps.floor(s.updatedAt()),
                  Timestamps.floor(s.wakeAt().orElse(null)),
                  s.version());
          if (inserted == 0) {
            throw new StoreConflictException(
                Kind.DUPLICATE_ID, "subscription " + s.id() + " exists (subscriptions_pk)");
          }
          insertEntry(handle, s.id(), s.latest());
        });
  }

  @Override
  public boolean write(SubscriptionStep step, long expectedVersion) {
    Subscription s = step.subscription();
    if (s.version() != expectedVersion + 1) {
      throw new IllegalArgumentException(
          "a step raises the version by one: " + s.id() + " is at " + s.version());
    }
    return jdbi.inTransaction(
        handle -> {
          int changed =
              Sql.update(
                  handle,
                  "update subscriptions set state = ?, anchor = ?, cycle = ?,"
                      + " payment_method_id = ?, noticed_cycle = ?, attempts = ?,"
                      + " pending_charge = ?, update_checkout = ?, customer_action_required = ?,"
                      + " cancel_at_period_end = ?, updated_at = ?, wake_at = ?, version = ?"
                      + " where id = ? and version = ?",
                  s.state().name(),
                  Timestamps.floor(s.anchor()),
                  s.cycle(),
                  s.method().map(PaymentMethodId::value).orElse(null),
                  s.noticedCycle(),
                  s.attempts(),
                  s.chargeInFlight().map(PaymentId::value).orElse(null),
                  s.openCheckout().map(PaymentId::value).orElse(null),
                  s.customerActionRequired(),
                  s.cancelAtPeriodEnd(),
                  Timestamps.floor(s.updatedAt()),
                  Timestamps.floor(s.wakeAt().orElse(null)),
                  s.version(),
                  s.id().value(),
                  expectedVersion);
          if (changed == 0) {
            return false;
          }
          insertEntry(handle, s.id(), step.entry());
          return true;
        });
  }

  private static void insertEntry(Handle handle, SubscriptionId id, SubscriptionHistoryEntry e) {
    Sql.update(
        handle,
        "insert into subscription_history (subscription_id, "
            + HISTORY_COLUMNS
            + ") values ("
            + Sql.parameters(9)
            + ")",
        id.value(),
        e.sequence(),
        e.from() == null ? null : e.from().name(),
        e.event().name(),
        e.to().name(),
        e.outcome().name(),
        e.cycle(),
        Timestamps.floor(e.at()),
        e.detail());
  }

  @Override
  public Optional<Subscription> findById(SubscriptionId id) {
    return select("where s.id = ?", id.value()).stream().findFirst();
  }

  @Override
  public List<SubscriptionHistoryEntry> history(SubscriptionId id) {
    return jdbi.withHandle(
        handle ->
            Sql.list(
                handle,
                "select "
                    + HISTORY_COLUMNS
                    + " from subscription_history where subscription_id = ? order by sequence_no",
                JdbiSubscriptionStore::entry,
                id.value()));
  }

  @Override
  public List<Subscription> claimDue(Instant now, Duration claimFor, int limit) {
    if (limit < 1) {
      return List.of();
    }
    return jdbi.inTransaction(
        handle -> {
          List<String> ids =
              Sql.list(
                  handle,
                  "select id from subscriptions"
                      + " where wake_at <= ? and (claimed_until is null or claimed_until <= ?)"
                      + " order by wake_at, id limit ?"
                      + " for update skip locked",
                  row -> row.getString(1),
                  Timestamps.floor(now),
                  Timestamps.floor(now),
                  limit);
          if (ids.isEmpty()) {
            return List.of();
          }
          List<Object> values = new ArrayList<>(ids.size() + 1);
          values.add(Timestamps.floor(now.plus(claimFor)));
          values.addAll(ids);
          Sql.update(
              handle,
              "update subscriptions set claimed_until = ? where id in ("
                  + Sql.parameters(ids.size())
                  + ")",
              values.toArray());
          return Sql.list(
              handle,
              SELECT
                  + "where s.id in ("
                  + Sql.parameters(ids.size())
                  + ") order by s.wake_at, s.id",
              JdbiSubscriptionStore::subscription,
              ids.toArray());
        });
  }

  @Override
  public Map<SubscriptionState, Long> countByState() {
    List<Object[]> rows =
        jdbi.withHandle(
            handle ->
                Sql.list(
                    handle,
                    "select state, count(*) from subscriptions group by state",
                    row ->
                        new Object[] {
                          SubscriptionState.valueOf(row.getString(1)), row.getLong(2)
                        }));
    Map<SubscriptionState, Long> counts = new EnumMap<>(SubscriptionState.class);
    rows.forEach(row -> counts.put((SubscriptionState) row[0], (Long) row[1]));
    return counts;
  }

  private List<Subscription> select(String clauses, Object... values) {
    return jdbi.withHandle(
        handle ->
            new ArrayList<>(
                Sql.list(handle, SELECT + clauses, JdbiSubscriptionStore::subscription, values)));
  }

  private static Subscription subscription(ResultSet row) throws SQLException {
    String trialText = row.getString("trial");
    BillingInterval trial = null;
    if (trialText != null) {
      String[] parts = trialText.split(" ", 2);
      trial = new BillingInterval(BillingUnit.valueOf(parts[1]), Integer.parseInt(parts[0]));
    }
    Plan plan =
        new Plan(
            row.getString("plan_name"),
            Money.of(row.getLong("price_minor"), row.getString("currency")),
            new BillingInterval(
                BillingUnit.valueOf(row.getString("interval_unit")), row.getInt("interval_count")),
            trial);
    String retries = row.getString("dunning_retries");
    SubscriptionTerms terms =
        new SubscriptionTerms(
            Duration.ofSeconds(row.getLong("notice_seconds")),
            new DunningPolicy(
                retries.isEmpty()
                    ? List.of()
                    : Arrays.stream(retries.split(","))
                        .map(seconds -> Duration.ofSeconds(Long.parseLong(seconds)))
                        .toList(),
                DunningPolicy.Exhaustion.valueOf(row.getString("on_exhaustion"))));
    String method = row.getString("payment_method_id");
    String pending = row.getString("pending_charge");
    String checkout = row.getString("update_checkout");
    return new Subscription(
        new SubscriptionId(row.getString("id")),
        new CustomerId(row.getString("customer_id")),
        plan,
        terms,
        ZoneId.of(row.getString("zone")),
        SubscriptionState.valueOf(row.getString("state")),
        Timestamps.read(row, "anchor"),
        row.getLong("cycle"),
        method == null ? null : new PaymentMethodId(method),
        row.getLong("noticed_cycle"),
        row.getInt("attempts"),
        pending == null ? null : new PaymentId(pending),
        checkout == null ? null : new PaymentId(checkout),
        row.getBoolean("customer_action_required"),
        row.getBoolean("cancel_at_period_end"),
        new PaymentId(row.getString("sign_up_payment")),
        Timestamps.read(row, "created_at"),
        Timestamps.read(row, "updated_at"),
        row.getLong("version"),
        entry(row));
  }

  private static SubscriptionHistoryEntry entry(ResultSet row) throws SQLException {
    String from = row.getString("from_state");
    return new SubscriptionHistoryEntry(
        row.getLong("sequence_no"),
        from == null ? null : SubscriptionState.valueOf(from),
        SubscriptionEvent.valueOf(row.getString("event")),
        SubscriptionState.valueOf(row.getString("to_state")),
        Outcome.valueOf(row.getString("outcome")),
        row.getLong("entry_cycle"),
        Timestamps.read(row, "occurred_at"),
        row.getString("detail"));
  }
}
