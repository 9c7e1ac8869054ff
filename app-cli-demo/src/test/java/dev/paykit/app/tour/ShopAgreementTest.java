package dev.paykit.app.tour;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.app.tour.ShopAgreement.Looks;
import dev.paykit.domain.payment.ExternalId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShopAgreementTest {
  private static final ExternalId ORDER = new ExternalId("order-1");

  @Test
  void an_order_paid_and_fulfilled_while_the_check_ran_agrees() {
    // The payments were read unpaid, then the provider settled it and the shop fulfilled it.
    Looks looks = new Looks(Map.of(), Map.of(ORDER, false), Map.of(ORDER, 1), Map.of(ORDER, true));

    assertThat(ShopAgreement.mismatches(looks)).isEmpty();
  }

  @Test
  void an_order_paid_and_fulfilled_once_agrees() {
    Looks looks =
        new Looks(Map.of(ORDER, 1), Map.of(ORDER, true), Map.of(ORDER, 1), Map.of(ORDER, true));

    assertThat(ShopAgreement.mismatches(looks)).isEmpty();
  }

  @Test
  void an_unpaid_order_never_fulfilled_agrees() {
    Looks looks = new Looks(Map.of(), Map.of(ORDER, false), Map.of(), Map.of(ORDER, false));

    assertThat(ShopAgreement.mismatches(looks)).isEmpty();
  }

  @Test
  void a_paid_order_the_drained_outbox_did_not_fulfil_is_reported() {
    Looks looks = new Looks(Map.of(), Map.of(ORDER, true), Map.of(), Map.of(ORDER, true));

    assertThat(ShopAgreement.mismatches(looks)).containsExactly("order-1 paid, fulfilled 0x");
  }

  @Test
  void an_order_fulfilled_twice_is_reported() {
    Looks looks =
        new Looks(Map.of(ORDER, 1), Map.of(ORDER, true), Map.of(ORDER, 2), Map.of(ORDER, true));

    assertThat(ShopAgreement.mismatches(looks)).containsExactly("order-1 fulfilled 2x");
  }

  @Test
  void an_order_fulfilled_before_its_payment_was_read_unpaid_is_reported() {
    Looks looks =
        new Looks(Map.of(ORDER, 1), Map.of(ORDER, false), Map.of(ORDER, 1), Map.of(ORDER, true));

    assertThat(ShopAgreement.mismatches(looks)).containsExactly("order-1 unpaid, fulfilled 1x");
  }

  @Test
  void an_order_fulfilled_whose_payment_never_succeeded_is_reported() {
    Looks looks = new Looks(Map.of(), Map.of(ORDER, false), Map.of(ORDER, 1), Map.of(ORDER, false));

    assertThat(ShopAgreement.mismatches(looks)).containsExactly("order-1 unpaid, fulfilled 1x");
  }

  @Test
  void an_order_fulfilled_without_any_payment_is_reported() {
    Looks looks = new Looks(Map.of(), Map.of(), Map.of(ORDER, 1), Map.of());

    assertThat(ShopAgreement.mismatches(looks))
        .containsExactly("order-1 fulfilled without a payment");
  }
}
