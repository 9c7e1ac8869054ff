package dev.paykit.app.tour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TourClockTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

  @Test
  void it_is_real_time_until_moved_forward() {
    TourClock clock = new TourClock(Clock.fixed(NOW, ZoneOffset.UTC));
    assertThat(clock.instant()).isEqualTo(NOW);

    clock.advance(Duration.ofMinutes(6));

    assertThat(clock.instant()).isEqualTo(NOW.plus(Duration.ofMinutes(6)));
    assertThat(clock.offset()).isEqualTo(Duration.ofMinutes(6));
  }

  @Test
  void copies_in_another_zone_share_the_jumps() {
    TourClock clock = new TourClock(Clock.fixed(NOW, ZoneOffset.UTC));
    Clock copy = clock.withZone(ZoneOffset.ofHours(2));

    clock.advance(Duration.ofSeconds(61));

    assertThat(copy.instant()).isEqualTo(NOW.plusSeconds(61));
  }

  @Test
  void it_never_goes_back() {
    TourClock clock = new TourClock(Clock.fixed(NOW, ZoneOffset.UTC));

    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
