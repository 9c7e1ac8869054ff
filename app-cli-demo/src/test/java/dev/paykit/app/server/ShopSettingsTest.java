package dev.paykit.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paykit.app.server.ShopSettings.Polling;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ShopSettingsTest {
  @Test
  void each_look_up_waits_half_as_long_again_as_the_one_before_up_to_the_longest() {
    Polling polling = new Polling(Duration.ofSeconds(1), Duration.ofSeconds(3), 10);

    assertThat(polling.delayAfter(0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(polling.delayAfter(1)).isEqualTo(Duration.ofMillis(1500));
    assertThat(polling.delayAfter(2)).isEqualTo(Duration.ofMillis(2250));
    assertThat(polling.delayAfter(3)).isEqualTo(Duration.ofSeconds(3));
    assertThat(polling.delayAfter(1000)).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void polling_needs_a_first_wait_no_longer_than_the_longest_and_a_limit() {
    assertThatThrownBy(() -> new Polling(Duration.ZERO, Duration.ofSeconds(1), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Polling(Duration.ofSeconds(2), Duration.ofSeconds(1), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Polling(Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
  }

  @Test
  void the_standard_shop_looks_for_about_two_minutes() {
    Polling polling = ShopSettings.standard().polling();
    Duration total = Duration.ZERO;
    for (int done = 0; done < polling.limit(); done++) {
      total = total.plus(polling.delayAfter(done));
    }

    assertThat(total).isBetween(Duration.ofSeconds(100), Duration.ofSeconds(160));
  }
}
