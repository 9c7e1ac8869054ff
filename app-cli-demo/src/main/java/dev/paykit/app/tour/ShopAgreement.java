package dev.paykit.app.tour;

import dev.paykit.domain.payment.ExternalId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether the tour's shop fulfilled every paid order once and no other, from looks at the shop and
 * at the payments taken in turn. A payment can still succeed while the check runs (a provider that
 * settles on its own), so one look at each could see an order fulfilled whose payment was read
 * unpaid a moment before. The shop fulfils an order only from a success event, written in the same
 * phase as the success, so an order fulfilled at one look was paid at every later look at the
 * payments; and a success read at one look has been delivered once the outbox drained after it.
 * Each rule is judged on the pair of looks that makes it exact.
 */
final class ShopAgreement {
  private ShopAgreement() {}

  /** The looks, in the order they were taken. */
  record Looks(
      Map<ExternalId, Integer> fulfilledFirst,
      Map<ExternalId, Boolean> paidBetween,
      Map<ExternalId, Integer> fulfilledDrained,
      Map<ExternalId, Boolean> paidLast) {}

  /**
   * What is wrong, one line per order; empty when the shop agrees with the payments. {@code
   * fulfilledFirst}: each order fulfilled and how often, before the payments were read; {@code
   * paidBetween}: each order of the payments then read, whether one of its payments had succeeded;
   * {@code fulfilledDrained}: the shop once the outbox drained after that read; {@code paidLast}:
   * the payments read after that.
   */
  static List<String> mismatches(Looks looks) {
    Set<ExternalId> orders = new LinkedHashSet<>(looks.paidBetween().keySet());
    orders.addAll(looks.fulfilledDrained().keySet());
    List<String> wrong = new ArrayList<>();
    for (ExternalId order : orders) {
      boolean paidBetween = looks.paidBetween().getOrDefault(order, false);
      boolean paidLast = looks.paidLast().getOrDefault(order, false);
      int first = looks.fulfilledFirst().getOrDefault(order, 0);
      int drained = looks.fulfilledDrained().getOrDefault(order, 0);
      if (!looks.paidLast().containsKey(order)) {
        wrong.add(order + " fulfilled without a payment");
      } else if (drained > 1) {
        wrong.add(order + " fulfilled " + drained + "x");
      } else if (paidBetween && drained == 0) {
        wrong.add(order + " paid, fulfilled 0x");
      } else if ((first > 0 && !paidBetween) || (drained > 0 && !paidLast)) {
        wrong.add(order + " unpaid, fulfilled " + drained + "x");
      }
    }
    return wrong;
  }
}
