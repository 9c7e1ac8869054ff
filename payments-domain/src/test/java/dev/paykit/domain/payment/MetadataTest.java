package dev.paykit.domain.payment;

import static dev.paykit.domain.ValidationAssert.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataTest {

  private static Map<String, String> keys(int count) {
    Map<String, String> entries = new HashMap<>();
    for (int i = 0; i < count; i++) {
      entries.put("k" + i, "v");
    }
    return entries;
  }

  @Test
  void accepts_twenty_keys() {
    assertThat(Metadata.of(keys(20)).entries()).hasSize(20);
  }

  @Test
  void rejects_a_twenty_first_key() {
    var e = assertRejected(() -> Metadata.of(keys(21)), "metadata", "too_many_keys");
    assertThat(e.getMessage()).contains("at most 20").contains("has 21");
  }

  @Test
  void accepts_keys_of_one_and_forty_characters() {
    Metadata metadata = Metadata.of(Map.of("a", "1", "k".repeat(40), "2"));
    assertThat(metadata.entries()).containsKeys("a", "k".repeat(40));
  }

  @Test
  void rejects_an_empty_key() {
    assertRejected(() -> Metadata.of(Map.of("", "v")), "metadata", "required");
  }

  @Test
  void rejects_a_key_of_forty_one_characters_naming_the_limit() {
    String key = "k".repeat(41);
    var e = assertRejected(() -> Metadata.of(Map.of(key, "v")), "metadata", "too_long");
    assertThat(e.getMessage()).contains("at most 40");
  }

  @Test
  void rejects_a_key_with_a_control_character() {
    assertRejected(() -> Metadata.of(Map.of("a\nb", "v")), "metadata", "control_character");
  }

  @Test
  void a_key_that_breaks_a_rule_is_never_echoed_in_the_field_or_message() {
    String forged = "k\nERROR payment.anomaly";

    var e = assertRejected(() -> Metadata.of(Map.of(forged, "v")), "metadata", "control_character");
    assertThat(e.field() + e.getMessage()).doesNotContain("\n").doesNotContain("anomaly");
  }

  @Test
  void rejects_a_null_key() {
    Map<String, String> entries = new HashMap<>();
    entries.put(null, "v");
    assertRejected(() -> Metadata.of(entries), "metadata", "null_key");
  }

  @Test
  void accepts_values_from_empty_to_five_hundred_characters() {
    Metadata metadata = Metadata.of(Map.of("empty", "", "full", "x".repeat(500)));
    assertThat(metadata.entries())
        .containsEntry("empty", "")
        .containsEntry("full", "x".repeat(500));
  }

  @Test
  void rejects_a_value_of_five_hundred_and_one_characters_naming_the_key() {
    var e =
        assertRejected(
            () -> Metadata.of(Map.of("cartId", "x".repeat(501))), "metadata.cartId", "too_long");
    assertThat(e.getMessage()).contains("at most 500").contains("has 501");
  }

  @Test
  void rejects_a_null_value_naming_the_key() {
    Map<String, String> entries = new HashMap<>();
    entries.put("cartId", null);
    assertRejected(() -> Metadata.of(entries), "metadata.cartId", "required");
  }

  @Test
  void rejects_a_value_with_a_control_character() {
    assertRejected(
        () -> Metadata.of(Map.of("note", "line1\u0000")), "metadata.note", "control_character");
  }

  @Test
  void rejects_a_missing_map() {
    assertRejected(() -> Metadata.of(null), "metadata", "required");
  }

  @Test
  void keeps_entries_sorted_and_equal_regardless_of_insertion_order() {
    Map<String, String> forward = new LinkedHashMap<>();
    forward.put("b", "2");
    forward.put("a", "1");
    Map<String, String> backward = new LinkedHashMap<>();
    backward.put("a", "1");
    backward.put("b", "2");

    Metadata one = Metadata.of(forward);

    assertThat(one.entries().keySet()).containsExactly("a", "b");
    assertThat(one).isEqualTo(Metadata.of(backward)).hasSameHashCodeAs(Metadata.of(backward));
  }

  @Test
  void is_immutable_and_independent_of_the_given_map() {
    Map<String, String> source = new HashMap<>(Map.of("a", "1"));
    Metadata metadata = Metadata.of(source);

    source.put("b", "2");

    assertThat(metadata.entries()).containsOnlyKeys("a");
    assertThatThrownBy(() -> metadata.entries().put("c", "3"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void empty_has_no_entries() {
    assertThat(Metadata.empty().entries()).isEmpty();
  }
}
