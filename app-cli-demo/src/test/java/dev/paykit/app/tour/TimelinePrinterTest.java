package dev.paykit.app.tour;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Outcome;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.TransitionSource;
import dev.paykit.testkit.PaymentSamples;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelinePrinterTest {
  private static final Instant CREATED = Instant.parse("2025-03-01T10:00:00Z");

  @Test
  void offsets_read_in_seconds_then_minutes() {
    assertThat(TimelinePrinter.offset(Duration.ofMillis(42))).isEqualTo("+0.042s");
    assertThat(TimelinePrinter.offset(Duration.ofMillis(61_150))).isEqualTo("+1m01.1s");
    assertThat(TimelinePrinter.offset(Duration.ofMillis(-5))).isEqualTo("+0.000s");
  }

  @Test
  void a_repeated_entry_says_how_often_and_when_last_and_an_entry_said_once_says_neither() {
    Payment payment = PaymentSamples.created("pay_1", "order-1", CREATED);
    HistoryEntry lookUp =
        new HistoryEntry(
            1,
            PaymentState.STARTED,
            PaymentState.STARTED,
            Outcome.DUPLICATE,
            TransitionSource.LOOKUP,
            CREATED.plusMillis(400),
            null,
            "req_1",
            null);
    HistoryEntry saidThrice =
        lookUp.repeatedAt(CREATED.plusSeconds(2)).repeatedAt(CREATED.plusSeconds(361));

    List<String> lines = printed(payment, List.of(payment.latest(), saidThrice));

    assertThat(lines).hasSize(4);
    assertThat(lines.get(2)).doesNotContain("(x");
    assertThat(lines.get(3))
        .contains("+0.400s", "DUPLICATE", "LOOKUP", "req_1  (x3, last +6m01.0s)");
  }

  private static List<String> printed(Payment payment, List<HistoryEntry> trail) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new TimelinePrinter(new Narrator(new PrintStream(bytes, true, StandardCharsets.UTF_8)))
        .print(payment, trail);
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
