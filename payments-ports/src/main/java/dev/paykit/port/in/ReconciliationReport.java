package dev.paykit.port.in;

import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.PaymentState;
import java.util.List;

/** What a reconciliation pass found and did, payment by payment. */
public record ReconciliationReport(List<Item> items) {

  public ReconciliationReport {
    items = List.copyOf(items);
  }

  /** How a payment was looked at and what state it was in before and after. */
  public record Item(
      PaymentId paymentId, PaymentState before, PaymentState after, Action action, String detail) {
    public boolean changed() {
      return before != after;
    }
  }

  public enum Action {
    /** Asked the provider by transaction id. */
    LOOKED_UP,
    /** Sent the create again with the same idempotency key (queued or lost response). */
    RESUBMITTED,
    /** Found the provider's payment by the order's externalId. */
    FOUND_BY_EXTERNAL_ID,
    /** The provider could not be asked now; tried again next pass. */
    UNRESOLVED
  }

  public int changed() {
    return (int) items.stream().filter(Item::changed).count();
  }

  public int unresolved() {
    return (int) items.stream().filter(i -> i.action() == Action.UNRESOLVED).count();
  }
}
