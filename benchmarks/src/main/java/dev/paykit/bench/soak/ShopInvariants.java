package dev.paykit.bench.soak;

import dev.paykit.bench.soak.Invariants.Check;
import dev.paykit.bench.soak.Invariants.LocalPayment;
import dev.paykit.domain.payment.PaymentState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What must hold between Paykit's outbox and the shop that hears of every outcome through it: each
 * paid order fulfilled, and once, no unpaid one fulfilled, every event handed over, and each
 * payment's events acted on in their sequence. Pure, like {@link Invariants}: it reads rows.
 */
public final class ShopInvariants {
  private static final int EXAMPLES = 5;

  /** An event in Paykit's outbox. */
  public record OutboxRow(String eventId, String paymentId, long sequence, String status) {}

  /**
   * An event the shop acted on (its first delivery; redeliveries leave no row), {@code order} the
   * order in which the shop's transactions wrote them.
   */
  public record HandledRow(String eventId, String paymentId, long sequence, long order) {}

  /** An order the shop fulfilled, from which payment's success event. */
  public record FulfilmentRow(String orderId, String paymentId, String eventId) {}

  /** Everything the checks read. */
  public record Data(
      List<LocalPayment> payments,
      List<OutboxRow> outbox,
      List<HandledRow> handled,
      List<FulfilmentRow> fulfilments) {}

  private ShopInvariants() {}

  public static List<Check> check(Data data) {
    return List.of(
        paidNeverFulfilled(data.payments(), data.fulfilments()),
        fulfilledTwice(data.fulfilments()),
        fulfilledUnpaid(data.payments(), data.fulfilments()),
        deliveredOutOfOrder(data.handled()),
        neverHandled(data.outbox(), data.handled()));
  }

  /** An order with a succeeded payment and no fulfilment: the customer paid for nothing. */
  static Check paidNeverFulfilled(List<LocalPayment> payments, List<FulfilmentRow> fulfilments) {
    Set<String> fulfilled = new HashSet<>();
    fulfilments.forEach(f -> fulfilled.add(f.orderId()));
    List<String> found = new ArrayList<>();
    payments.stream()
        .filter(p -> p.state() == PaymentState.SUCCEEDED)
        .filter(p -> !fulfilled.contains(p.externalId()))
        .forEach(p -> found.add("order " + p.externalId() + " paid by " + p.id()));
    return check("paid orders never fulfilled", found);
  }

  /**
   * An order fulfilled more than once: a redelivered event the de-duplication let through, or two
   * payments of one order both fulfilling it.
   */
  static Check fulfilledTwice(List<FulfilmentRow> fulfilments) {
    Map<String, Long> perOrder =
        fulfilments.stream()
            .collect(
                Collectors.groupingBy(FulfilmentRow::orderId, TreeMap::new, Collectors.counting()));
    List<String> found = new ArrayList<>();
    perOrder.forEach(
        (order, n) -> {
          if (n > 1) {
            found.add("order " + order + " fulfilled " + n + " times");
          }
        });
    return check("orders fulfilled twice", found);
  }

  /** A fulfilment whose payment did not succeed: the shop shipped what nobody paid for. */
  static Check fulfilledUnpaid(List<LocalPayment> payments, List<FulfilmentRow> fulfilments) {
    Map<String, PaymentState> states = new HashMap<>();
    payments.forEach(p -> states.put(p.id(), p.state()));
    List<String> found = new ArrayList<>();
    fulfilments.forEach(
        f -> {
          PaymentState state = states.get(f.paymentId());
          if (state != PaymentState.SUCCEEDED) {
            found.add("order " + f.orderId() + " fulfilled from " + f.paymentId() + " " + state);
          }
        });
    return check("orders fulfilled without a succeeded payment", found);
  }

  /**
   * In the order the shop acted on them, a payment's events must be numbered 1, 2, 3, ...: each
   * event acted on in another place (a later one before an earlier one, or after a gap) is counted,
   * with one example per payment.
   */
  static Check deliveredOutOfOrder(List<HandledRow> handled) {
    Map<String, List<HandledRow>> perPayment =
        handled.stream()
            .collect(
                Collectors.groupingBy(HandledRow::paymentId, TreeMap::new, Collectors.toList()));
    List<String> examples = new ArrayList<>();
    long outOfPlace = 0;
    for (Map.Entry<String, List<HandledRow>> payment : perPayment.entrySet()) {
      List<HandledRow> inOrder = new ArrayList<>(payment.getValue());
      inOrder.sort(Comparator.comparingLong(HandledRow::order));
      long here = 0;
      for (int i = 0; i < inOrder.size(); i++) {
        if (inOrder.get(i).sequence() != i + 1) {
          here++;
        }
      }
      outOfPlace += here;
      if (here > 0 && examples.size() < EXAMPLES) {
        examples.add(
            payment.getKey()
                + " handled "
                + inOrder.stream().map(r -> "#" + r.sequence()).toList()
                + " in that order");
      }
    }
    return new Check("events delivered out of order per payment", outOfPlace, examples);
  }

  /**
   * Every event of the outbox must have been delivered, and acted on by the shop: an event
   * delivered that the shop has no row of was lost between the two.
   */
  static Check neverHandled(List<OutboxRow> outbox, List<HandledRow> handled) {
    Set<String> acted = new HashSet<>();
    handled.forEach(h -> acted.add(h.eventId()));
    List<String> found = new ArrayList<>();
    outbox.stream()
        .sorted(Comparator.comparing(OutboxRow::paymentId).thenComparing(OutboxRow::sequence))
        .forEach(
            row -> {
              if (!row.status().equals("DELIVERED")) {
                found.add(row.eventId() + " of " + row.paymentId() + " is " + row.status());
              } else if (!acted.contains(row.eventId())) {
                found.add(row.eventId() + " of " + row.paymentId() + " delivered, not handled");
              }
            });
    return check("outbox events the shop never handled", found);
  }

  private static Check check(String name, List<String> found) {
    return new Check(
        name, found.size(), List.copyOf(found.subList(0, Math.min(EXAMPLES, found.size()))));
  }
}
