package dev.paykit.port.in;

import dev.paykit.domain.dispute.DisputeId;
import dev.paykit.domain.dispute.DisputeState;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.refund.RefundId;
import dev.paykit.domain.refund.RefundState;
import java.util.List;

/**
 * What a reconciliation pass found and did, payment by payment, refund by refund and dispute by
 * dispute.
 */
public record ReconciliationReport(
    List<Item> items, List<RefundItem> refunds, List<DisputeItem> disputes) {

  public ReconciliationReport {
    items = List.copyOf(items);
    refunds = List.copyOf(refunds);
    disputes = List.copyOf(disputes);
  }

  /** A pass that looked at no dispute. */
  public ReconciliationReport(List<Item> items, List<RefundItem> refunds) {
    this(items, refunds, List.of());
  }

  /** How a payment was looked at and what state it was in before and after. */
  public record Item(
      PaymentId paymentId, PaymentState before, PaymentState after, Action action, String detail) {
    public boolean changed() {
      return before != after;
    }
  }

  /** How a refund was looked at and what state it was in before and after. */
  public record RefundItem(
      RefundId refundId, RefundState before, RefundState after, Action action, String detail) {
    public boolean changed() {
      return before != after;
    }
  }

  /** How a dispute without news was looked up and what state it was in before and after. */
  public record DisputeItem(
      DisputeId disputeId, DisputeState before, DisputeState after, Action action, String detail) {
    public boolean changed() {
      return before != after;
    }
  }

  public enum Action {
    /** Asked the provider by its id for the payment (transaction id) or refund. */
    LOOKED_UP,
    /** Sent the create again with the same idempotency key (queued or lost response). */
    RESUBMITTED,
    /** Found the provider's payment by the order's externalId. */
    FOUND_BY_EXTERNAL_ID,
    /** The provider could not be asked now, or could not tell; tried again next pass. */
    UNRESOLVED
  }

  /** Payments, refunds and disputes looked at. */
  public int examined() {
    return items.size() + refunds.size() + disputes.size();
  }

  public int changed() {
    return (int)
        (items.stream().filter(Item::changed).count()
            + refunds.stream().filter(RefundItem::changed).count()
            + disputes.stream().filter(DisputeItem::changed).count());
  }

  public int unresolved() {
    return (int)
        (items.stream().filter(i -> i.action() == Action.UNRESOLVED).count()
            + refunds.stream().filter(r -> r.action() == Action.UNRESOLVED).count()
            + disputes.stream().filter(d -> d.action() == Action.UNRESOLVED).count());
  }
}
