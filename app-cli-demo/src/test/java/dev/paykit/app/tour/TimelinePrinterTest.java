package dev.paykit.app.tour;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimelinePrinterTest {
  @Test
  void offsets_read_in_seconds_then_minutes() {
    assertThat(TimelinePrinter.offset(Duration.ofMillis(42))).isEqualTo("+0.042s");
    assertThat(TimelinePrinter.offset(Duration.ofMillis(61_150))).isEqualTo("+1m01.1s");
    assertThat(TimelinePrinter.offset(Duration.ofMillis(-5))).isEqualTo("+0.000s");
  }
}
