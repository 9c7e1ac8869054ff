package dev.paykit.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UtcTimestampsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-03-02T10:15:30Z",
        "2026-03-02T10:15:30.1Z",
        "2026-03-02T10:15:30.123456Z",
        "2026-03-02T10:15:30.123456789Z",
        "2024-02-29T23:59:59Z",
        "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999Z",
        "2026-03-02T10:15:30+01:00",
        "2026-03-02T10:15:30.5-05:30",
        "2016-12-31T23:59:60Z",
        "2026-03-02t10:15:30z",
        "2026-03-02T10:15:30.Z"
      })
  void reads_what_instant_parse_reads_as_it_reads_it(String text) {
    assertThat(UtcTimestamps.parse(text)).isEqualTo(Instant.parse(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "2026-03-02T10:15:30",
        "2026-03-02 10:15:30Z",
        "2026-02-30T10:15:30Z",
        "2025-02-29T10:15:30Z",
        "2026-13-02T10:15:30Z",
        "2026-03-02T25:15:30Z",
        "2026-03-02T10:15:30.1234567890Z",
        "2026-03-02T10:15:3aZ",
        "+2026-03-02T10:15:30Z",
        "２０２６-03-02T10:15:30Z"
      })
  void refuses_what_instant_parse_refuses_with_its_exception(String text) {
    assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
    assertThatThrownBy(() -> UtcTimestamps.parse(text)).isInstanceOf(DateTimeParseException.class);
  }

  @Test
  void agrees_with_instant_parse_on_random_texts_near_the_common_form() {
    Random random = new Random(20261202L);
    String alphabet = "0123456789-T:.Z+z ";
    int accepted = 0;
    for (int i = 0; i < 200_000; i++) {
      StringBuilder text =
          new StringBuilder(
              Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L))
                  .plusNanos(random.nextInt(1_000_000_000))
                  .toString());
      for (int edits = random.nextInt(3); edits > 0; edits--) {
        int at = random.nextInt(text.length());
        char c = alphabet.charAt(random.nextInt(alphabet.length()));
        switch (random.nextInt(3)) {
          case 0 -> text.setCharAt(at, c);
          case 1 -> text.insert(at, c);
          default -> text.deleteCharAt(at);
        }
      }
      String edited = text.toString();
      Optional<Instant> expected = read(() -> Instant.parse(edited));
      assertThat(read(() -> UtcTimestamps.parse(edited))).as(edited).isEqualTo(expected);
      if (expected.isPresent()) {
        accepted++;
      }
    }
    assertThat(accepted).as("the sample holds both kinds").isBetween(20_000, 190_000);
  }

  private static Optional<Instant> read(Supplier<Instant> parse) {
    try {
      return Optional.of(parse.get());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
