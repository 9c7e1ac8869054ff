package dev.paykit.port.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InboxEventTest {
  private static final int MAX = InboxEvent.MAX_ERROR_LENGTH;

  @Test
  void an_error_up_to_the_limit_is_kept_as_it_is() {
    String error = "b".repeat(MAX - 14) + "\ttab\nline\rcr";

    assertThat(InboxEvent.storableError(error)).isEqualTo(error);
  }

  @Test
  void control_characters_other_than_tab_and_line_breaks_are_written_out() {
    assertThat(InboxEvent.storableError("re_\u0000x\u001b[0m\u007f"))
        .isEqualTo("re_\\u0000x\\u001b[0m\\u007f");
  }

  @Test
  void a_longer_error_is_cut_to_the_limit_ending_with_an_ellipsis() {
    String cut = InboxEvent.storableError("c".repeat(MAX + 1));

    assertThat(cut).hasSize(MAX).endsWith("\u2026").startsWith("ccc");
  }

  @Test
  void an_error_cut_at_the_limit_never_keeps_half_of_a_surrogate_pair() {
    String cut = InboxEvent.storableError("a".repeat(MAX - 2) + "\uD83D\uDE00" + "tail");

    assertThat(cut).isEqualTo("a".repeat(MAX - 2) + "\u2026");
  }

  @Test
  void escapes_count_towards_the_limit() {
    String cut = InboxEvent.storableError("\u0000".repeat(MAX));

    assertThat(cut).hasSize(MAX).startsWith("\\u0000\\u0000").endsWith("\u2026");
  }

  @Test
  void no_error_stays_no_error() {
    assertThat(InboxEvent.storableError(null)).isNull();
  }
}
