package dev.paykit.domain.subscription;

import static dev.paykit.domain.subscription.SubscriptionFixtures.T0;
import static dev.paykit.domain.subscription.SubscriptionFixtures.active;
import static dev.paykit.domain.subscription.SubscriptionFixtures.pending;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.domain.outbox.OutboxEvent;
import dev.paykit.domain.outbox.OutboxEventType;
import dev.paykit.domain.outbox.OutboxEvents;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the shop hears when a subscription is cancelled: what became of it, not what was asked. */
class SubscriptionOutboxEventsTest {
  private static final Instant LATER = T0.plusSeconds(60);

  @Test
  void cancelling_a_pending_sign_up_now_tells_the_shop_it_ended() {
    SubscriptionStep step = pending().cancelNow(LATER);

    assertThat(step.subscription().state()).isEqualTo(SubscriptionState.ENDED);
    assertThat(typeOf(step)).contains(OutboxEventType.SUBSCRIPTION_ENDED);
  }

  @Test
  void cancelling_a_pending_sign_up_at_period_end_tells_the_shop_it_ended() {
    SubscriptionStep step = pending().cancelAtPeriodEnd(LATER);

    assertThat(step.subscription().state()).isEqualTo(SubscriptionState.ENDED);
    assertThat(typeOf(step)).contains(OutboxEventType.SUBSCRIPTION_ENDED);
  }

  @Test
  void cancelling_an_active_subscription_now_tells_the_shop_it_was_cancelled() {
    SubscriptionStep step = active().cancelNow(LATER);

    assertThat(step.subscription().state()).isEqualTo(SubscriptionState.CANCELLED);
    assertThat(typeOf(step)).contains(OutboxEventType.SUBSCRIPTION_CANCELLED);
  }

  @Test
  void cancelling_a_cancelled_subscription_again_tells_the_shop_nothing() {
    Subscription cancelled = active().cancelNow(LATER).subscription();

    assertThat(typeOf(cancelled.cancelNow(LATER.plusSeconds(1)))).isEmpty();
  }

  private static Optional<OutboxEventType> typeOf(SubscriptionStep step) {
    return OutboxEvents.of(step, LATER).map(OutboxEvent::type);
  }
}
