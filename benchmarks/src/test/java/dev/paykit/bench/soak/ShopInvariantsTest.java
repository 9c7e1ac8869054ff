package dev.paykit.bench.soak;

import static dev.paykit.domain.payment.PaymentState.FAILED;
import static dev.paykit.domain.payment.PaymentState.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.bench.soak.Invariants.Check;
import dev.paykit.bench.soak.Invariants.LocalPayment;
import dev.paykit.bench.soak.ShopInvariants.FulfilmentRow;
import dev.paykit.bench.soak.ShopInvariants.HandledRow;
import dev.paykit.bench.soak.ShopInvariants.OutboxRow;
import dev.paykit.domain.payment.PaymentState;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShopInvariantsTest {

  private static LocalPayment local(String id, String order, PaymentState state) {
    return new LocalPayment(id, "key-" + id, order, state, "tx_" + id);
  }

  /** A paid payment's three events, handled in order from {@code order} on. */
  private static List<HandledRow> handledInOrder(String payment, long order) {
    return List.of(
        new HandledRow("evt_" + payment + "_1", payment, 1, order),
        new HandledRow("evt_" + payment + "_2", payment, 2, order + 1),
        new HandledRow("evt_" + payment + "_3", payment, 3, order + 2));
  }

  private static List<OutboxRow> delivered(String payment) {
    return List.of(
        new OutboxRow("evt_" + payment + "_1", payment, 1, "DELIVERED"),
        new OutboxRow("evt_" + payment + "_2", payment, 2, "DELIVERED"),
        new OutboxRow("evt_" + payment + "_3", payment, 3, "DELIVERED"));
  }

  @Test
  void a_clean_run_holds_every_shop_invariant() {
    List<Check> checks =
        ShopInvariants.check(
            new ShopInvariants.Data(
                List.of(local("p1", "order-1", SUCCEEDED), local("p2", "order-2", FAILED)),
                List.of(
                    delivered("p1").get(0),
                    delivered("p1").get(1),
                    delivered("p1").get(2),
                    new OutboxRow("evt_p2_1", "p2", 1, "DELIVERED")),
                List.of(
                    handledInOrder("p1", 1).get(0),
                    new HandledRow("evt_p2_1", "p2", 1, 2),
                    handledInOrder("p1", 1).get(1),
                    new HandledRow("evt_p1_3", "p1", 3, 9)),
                List.of(new FulfilmentRow("order-1", "p1", "evt_p1_3"))));

    assertThat(checks).hasSize(5).allSatisfy(c -> assertThat(c.holds()).as(c.name()).isTrue());
  }

  @Test
  void a_paid_order_without_a_fulfilment_is_counted() {
    Check check =
        ShopInvariants.paidNeverFulfilled(
            List.of(
                local("p1", "order-1", SUCCEEDED),
                local("p2", "order-2", SUCCEEDED),
                local("p3", "order-3", FAILED)),
            List.of(new FulfilmentRow("order-1", "p1", "evt_p1_3")));

    assertThat(check.violations()).isEqualTo(1);
    assertThat(check.examples()).containsExactly("order order-2 paid by p2");
  }

  @Test
  void an_order_fulfilled_by_two_rows_is_fulfilled_twice() {
    Check check =
        ShopInvariants.fulfilledTwice(
            List.of(
                new FulfilmentRow("order-1", "p1", "evt_p1_3"),
                new FulfilmentRow("order-1", "p1", "evt_p1_3"),
                new FulfilmentRow("order-2", "p2", "evt_p2_3")));

    assertThat(check.violations()).isEqualTo(1);
    assertThat(check.examples()).containsExactly("order order-1 fulfilled 2 times");
  }

  @Test
  void a_fulfilment_from_a_payment_that_did_not_succeed_is_counted() {
    Check check =
        ShopInvariants.fulfilledUnpaid(
            List.of(local("p1", "order-1", FAILED)),
            List.of(
                new FulfilmentRow("order-1", "p1", "evt_p1_3"),
                new FulfilmentRow("order-9", "p9", "evt_p9_3")));

    assertThat(check.violations()).isEqualTo(2);
    assertThat(check.examples())
        .containsExactly(
            "order order-1 fulfilled from p1 FAILED", "order order-9 fulfilled from p9 null");
  }

  @Test
  void a_later_event_handled_before_an_earlier_one_is_out_of_order() {
    Check check =
        ShopInvariants.deliveredOutOfOrder(
            List.of(
                new HandledRow("evt_p1_1", "p1", 1, 1),
                new HandledRow("evt_p1_3", "p1", 3, 2),
                new HandledRow("evt_p1_2", "p1", 2, 3),
                new HandledRow("evt_p2_1", "p2", 1, 4)));

    assertThat(check.violations()).isEqualTo(2);
    assertThat(check.examples()).containsExactly("p1 handled [#1, #3, #2] in that order");
  }

  @Test
  void an_event_handled_after_a_gap_is_out_of_order() {
    Check check =
        ShopInvariants.deliveredOutOfOrder(
            List.of(
                new HandledRow("evt_p1_1", "p1", 1, 1), new HandledRow("evt_p1_3", "p1", 3, 2)));

    assertThat(check.violations()).isEqualTo(1);
  }

  @Test
  void an_outbox_event_not_delivered_or_not_handled_is_never_handled() {
    Check check =
        ShopInvariants.neverHandled(
            List.of(
                new OutboxRow("evt_p1_1", "p1", 1, "DELIVERED"),
                new OutboxRow("evt_p1_2", "p1", 2, "DELIVERED"),
                new OutboxRow("evt_p1_3", "p1", 3, "DEAD")),
            List.of(new HandledRow("evt_p1_1", "p1", 1, 1)));

    assertThat(check.violations()).isEqualTo(2);
    assertThat(check.examples())
        .containsExactly("evt_p1_2 of p1 delivered, not handled", "evt_p1_3 of p1 is DEAD");
  }
}
