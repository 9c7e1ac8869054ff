package dev.paykit.bench.soak;

import dev.paykit.domain.payment.Outcome;
import dev.paykit.domain.payment.PaymentLifecycle;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.TransitionSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What must hold after the soak, checked against the provider's ledger and the database. Pure: it
 * reads rows, so each check is tested on hand-made data.
 */
public final class Invariants {
  private static final int EXAMPLES = 5;

  /** A payment as the database has it. */
  public record LocalPayment(
      String id,
      String idempotencyKey,
      String externalId,
      PaymentState state,
      String transactionId) {}

  /**
   * One line of a payment's history as the store gives it; {@code repeats} how often the same
   * report was counted on it after the first.
   */
  public record HistoryRow(
      String paymentId,
      long sequence,
      PaymentState from,
      PaymentState reported,
      Outcome outcome,
      TransitionSource source,
      String eventId,
      int repeats) {}

  /** A payment as the provider has it; {@code status} and {@code failureReason} on the wire. */
  public record ProviderRow(
      String transactionId,
      String idempotencyKey,
      String externalId,
      String status,
      String failureReason) {}

  /** A received webhook in the inbox. */
  public record InboxRow(String eventId, String status) {}

  /**
   * Everything the checks read.
   *
   * @param paymentsPerKey the provider's ledger: payments it created per idempotency key
   * @param mustNeverBeStored event ids only forged or stale deliveries carried
   * @param breaches forged or replayed deliveries the receiver answered as accepted
   */
  public record Data(
      List<LocalPayment> payments,
      List<HistoryRow> history,
      List<ProviderRow> provider,
      Map<String, Integer> paymentsPerKey,
      List<InboxRow> inbox,
      Set<String> mustNeverBeStored,
      long breaches) {}

  /** One invariant: how many violations, and a few of them to start looking. */
  public record Check(String name, long violations, List<String> examples) {
    public boolean holds() {
      return violations == 0;
    }
  }

  private Invariants() {}

  public static List<Check> check(Data data) {
    return List.of(
        chargedTwice(data.paymentsPerKey(), data.provider()),
        unknownLocally(data.provider(), data.payments()),
        notTerminal(data.payments()),
        illegalTransitions(data.payments(), data.history()),
        forgedOrReplayedAccepted(data.inbox(), data.mustNeverBeStored(), data.breaches()),
        processedTwice(data.history(), data.inbox()),
        disagreeWithProvider(data.payments(), data.provider()),
        notProcessed(data.inbox()));
  }

  /**
   * A charge the customer did not ask for: a second provider payment for one idempotency key, or a
   * second confirmed payment for one order.
   */
  static Check chargedTwice(Map<String, Integer> paymentsPerKey, List<ProviderRow> provider) {
    List<String> found = new ArrayList<>();
    new TreeSet<>(paymentsPerKey.keySet())
        .forEach(
            key -> {
              if (paymentsPerKey.get(key) > 1) {
                found.add("key " + key + ": " + paymentsPerKey.get(key) + " provider payments");
              }
            });
    provider.stream()
        .filter(p -> p.status().equals("confirmed"))
        .collect(Collectors.groupingBy(ProviderRow::externalId, Collectors.counting()))
        .forEach(
            (order, n) -> {
              if (n > 1) {
                found.add("order " + order + ": " + n + " confirmed payments");
              }
            });
    return check("payments charged twice", found);
  }

  static Check unknownLocally(List<ProviderRow> provider, List<LocalPayment> payments) {
    Set<String> known = new HashSet<>();
    payments.forEach(p -> known.add(p.transactionId()));
    List<String> found = new ArrayList<>();
    provider.forEach(
        p -> {
          if (!known.contains(p.transactionId())) {
            found.add(p.transactionId() + " (order " + p.externalId() + ", " + p.status() + ")");
          }
        });
    return check("provider payments unknown locally", found);
  }

  static Check notTerminal(List<LocalPayment> payments) {
    List<String> found = new ArrayList<>();
    payments.forEach(
        p -> {
          if (!p.state().isTerminal()) {
            found.add(p.id() + " in " + p.state());
          }
        });
    return check("payments not terminal", found);
  }

  /**
   * Replays each payment's history from nothing: every entry must start from the state the entries
   * before it left, an applied one must be a move the lifecycle table allows (the first one the
   * creation), sequence numbers must run without gaps, and the history must end in the state the
   * payment is stored in.
   */
  static Check illegalTransitions(List<LocalPayment> payments, List<HistoryRow> history) {
    Map<String, List<HistoryRow>> byPayment =
        history.stream().collect(Collectors.groupingBy(HistoryRow::paymentId));
    List<String> found = new ArrayList<>();
    for (LocalPayment payment : payments) {
      List<HistoryRow> rows = new ArrayList<>(byPayment.getOrDefault(payment.id(), List.of()));
      rows.sort(Comparator.comparingLong(HistoryRow::sequence));
      PaymentState state = null;
      for (int i = 0; i < rows.size(); i++) {
        HistoryRow row = rows.get(i);
        String at = payment.id() + " #" + row.sequence() + " ";
        if (row.sequence() != i) {
          found.add(at + "out of sequence (expected #" + i + ")");
        }
        if (!Objects.equals(row.from(), state)) {
          found.add(at + "starts from " + row.from() + " but the payment was " + state);
        }
        if (row.outcome() == Outcome.APPLIED) {
          boolean allowed =
              state == null
                  ? row.reported() == PaymentState.CREATED
                  : PaymentLifecycle.isAllowed(state, row.reported());
          if (!allowed) {
            found.add(at + "applied " + state + " → " + row.reported());
          }
          state = row.reported();
        }
      }
      if (state != payment.state()) {
        found.add(payment.id() + " is stored " + payment.state() + ", its history ends " + state);
      }
    }
    return check("illegal transitions", found);
  }

  static Check forgedOrReplayedAccepted(
      List<InboxRow> inbox, Set<String> mustNeverBeStored, long breaches) {
    List<String> found = new ArrayList<>();
    for (long i = 0; i < breaches; i++) {
      found.add("a forged or replayed delivery was answered as accepted");
    }
    inbox.forEach(
        row -> {
          if (mustNeverBeStored.contains(row.eventId())) {
            found.add(row.eventId() + " is in the inbox");
          }
        });
    return check("forged or replayed webhooks accepted", found);
  }

  /**
   * Applying an event adds one history entry or counts one more repeat on the latest; two entries
   * with its id mean it was applied twice. A second application counted as a repeat leaves no id
   * behind, so the counts must also add up: every report from a webhook in the histories, repeats
   * included, stands for one processed inbox event, and more reports than processed events means
   * some event was applied more than once.
   */
  static Check processedTwice(List<HistoryRow> history, List<InboxRow> inbox) {
    Map<String, Long> perEvent =
        history.stream()
            .filter(row -> row.eventId() != null)
            .collect(Collectors.groupingBy(HistoryRow::eventId, Collectors.counting()));
    List<String> found = new ArrayList<>();
    new TreeSet<>(perEvent.keySet())
        .forEach(
            id -> {
              if (perEvent.get(id) > 1) {
                found.add(id + " applied " + perEvent.get(id) + " times");
              }
            });
    long reports =
        history.stream()
            .filter(row -> row.source() == TransitionSource.WEBHOOK)
            .mapToLong(row -> 1L + row.repeats())
            .sum();
    long processed = inbox.stream().filter(row -> row.status().equals("PROCESSED")).count();
    for (long extra = reports - processed; extra > 0; extra--) {
      found.add(
          reports + " webhook reports in the histories for " + processed + " processed events");
    }
    return check("events processed twice", found);
  }

  /** A payment whose provider has the last word (terminal) must be in the state that word means. */
  static Check disagreeWithProvider(List<LocalPayment> payments, List<ProviderRow> provider) {
    Map<String, ProviderRow> byTransaction = new HashMap<>();
    provider.forEach(p -> byTransaction.put(p.transactionId(), p));
    List<String> found = new ArrayList<>();
    for (LocalPayment local : payments) {
      ProviderRow theirs =
          local.transactionId() == null ? null : byTransaction.get(local.transactionId());
      if (theirs == null) {
        continue;
      }
      PaymentState expected = finalStateOf(theirs);
      if (expected != null && expected != local.state()) {
        found.add(local.id() + " is " + local.state() + ", the provider says " + expected);
      }
    }
    return check("payments whose final state differs from the provider's", found);
  }

  /**
   * The local state the sandbox's final word means, in the reference API's words the soak reads
   * from it directly (the adapter's mapping is what the soak checks, so it is not reused here);
   * null while the payment is not final.
   */
  private static PaymentState finalStateOf(ProviderRow theirs) {
    return switch (theirs.status()) {
      case "confirmed" -> PaymentState.SUCCEEDED;
      case "expired" -> PaymentState.EXPIRED;
      case "cancelled" ->
          "declined".equals(theirs.failureReason())
                  || "fraud_suspected".equals(theirs.failureReason())
              ? PaymentState.FAILED
              : PaymentState.CANCELLED;
      default -> null;
    };
  }

  static Check notProcessed(List<InboxRow> inbox) {
    List<String> found = new ArrayList<>();
    inbox.forEach(
        row -> {
          if (!row.status().equals("PROCESSED")) {
            found.add(row.eventId() + " is " + row.status());
          }
        });
    return check("webhooks received but not processed", found);
  }

  private static Check check(String name, List<String> found) {
    return new Check(
        name, found.size(), List.copyOf(found.subList(0, Math.min(EXAMPLES, found.size()))));
  }
}
