package dev.paykit.app.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paykit.domain.outbox.OutboxEvent;
import dev.paykit.domain.outbox.OutboxEventId;
import dev.paykit.domain.outbox.OutboxEventType;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.PaymentId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShopOrdersTest {
  private static final ExternalId ORDER = new ExternalId("order-1");
  private static final PaymentId PAYMENT = new PaymentId("pay_1");

  private final ShopOrders shop = new ShopOrders();

  private static OutboxEvent event(OutboxEventType type, long sequence) {
    return new OutboxEvent(
        OutboxEventId.random(), type, PAYMENT, null, ORDER, sequence, Instant.EPOCH, Map.of());
  }

  @Test
  void a_success_delivered_again_fulfils_the_order_once() throws Exception {
    OutboxEvent succeeded = event(OutboxEventType.PAYMENT_SUCCEEDED, 1);

    shop.handle(succeeded);
    shop.handle(succeeded);

    assertThat(shop.fulfilments(ORDER)).isEqualTo(1);
    assertThat(shop.fulfilled(PAYMENT)).isTrue();
    assertThat(shop.duplicates()).isEqualTo(1);
    assertThat(shop.deliveries(PAYMENT))
        .extracting(ShopOrders.Delivery::result)
        .containsExactly(ShopOrders.Result.HANDLED, ShopOrders.Result.DUPLICATE);
  }

  @Test
  void a_failed_delivery_leaves_nothing_so_the_next_one_fulfils() throws Exception {
    OutboxEvent succeeded = event(OutboxEventType.PAYMENT_SUCCEEDED, 1);
    shop.failNextFulfilments(ORDER, 1);

    assertThatThrownBy(() -> shop.handle(succeeded))
        .isInstanceOf(ShopOrders.WarehouseUnavailableException.class);
    assertThat(shop.fulfilments(ORDER)).isZero();
    shop.handle(succeeded);

    assertThat(shop.fulfilments(ORDER)).isEqualTo(1);
    assertThat(shop.heard(PAYMENT)).containsExactly(succeeded);
  }

  @Test
  void only_a_success_fulfils_an_order() throws Exception {
    shop.handle(event(OutboxEventType.PAYMENT_CREATED, 1));
    shop.handle(event(OutboxEventType.PAYMENT_FAILED, 2));

    assertThat(shop.fulfilledOrders()).isEmpty();
    assertThat(shop.payments()).isEqualTo(1);
  }

  @Test
  void events_heard_with_a_gap_or_out_of_their_sequence_are_out_of_order() throws Exception {
    shop.handle(event(OutboxEventType.PAYMENT_CREATED, 1));
    shop.handle(event(OutboxEventType.PAYMENT_SUCCEEDED, 3));

    assertThat(shop.outOfOrder()).containsExactly(PAYMENT);
    assertThat(
            ShopOrders.inSequence(
                List.of(
                    event(OutboxEventType.PAYMENT_CREATED, 1),
                    event(OutboxEventType.PAYMENT_STARTED, 2))))
        .isTrue();
    assertThat(
            ShopOrders.inSequence(
                List.of(
                    event(OutboxEventType.PAYMENT_STARTED, 2),
                    event(OutboxEventType.PAYMENT_CREATED, 1))))
        .isFalse();
  }
}
