package dev.paykit.domain.idempotency;

import static dev.paykit.domain.ValidationAssert.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestFingerprintTest {

  private static final Map<String, String> REQUEST =
      Map.of("externalId", "order-8812", "amount", "1050");

  @Test
  void is_the_sha256_of_the_fields_sorted_by_name_and_length_prefixed() {
    // Pinned: stored fingerprints must still match after an upgrade.
    assertThat(RequestFingerprint.of(REQUEST).sha256Hex())
        .isEqualTo("37ee87cc430fedebb94861762a662aa6f2dbeab70b7f8a14f61d14b87b9b1279");
  }

  @Test
  void does_not_depend_on_the_order_of_the_fields() {
    Map<String, String> forward = new LinkedHashMap<>();
    forward.put("amount", "1050");
    forward.put("externalId", "order-8812");
    Map<String, String> backward = new LinkedHashMap<>();
    backward.put("externalId", "order-8812");
    backward.put("amount", "1050");

    assertThat(RequestFingerprint.of(forward)).isEqualTo(RequestFingerprint.of(backward));
  }

  @Test
  void a_changed_value_changes_it() {
    assertThat(RequestFingerprint.of(Map.of("externalId", "order-8812", "amount", "1051")))
        .isNotEqualTo(RequestFingerprint.of(REQUEST));
  }

  @Test
  void a_renamed_field_changes_it() {
    assertThat(RequestFingerprint.of(Map.of("externalID", "order-8812", "amount", "1050")))
        .isNotEqualTo(RequestFingerprint.of(REQUEST));
  }

  @Test
  void an_added_or_removed_field_changes_it() {
    Map<String, String> added = new HashMap<>(REQUEST);
    added.put("description", "tickets");

    assertThat(RequestFingerprint.of(added)).isNotEqualTo(RequestFingerprint.of(REQUEST));
    assertThat(RequestFingerprint.of(Map.of("amount", "1050")))
        .isNotEqualTo(RequestFingerprint.of(REQUEST));
  }

  @Test
  void an_empty_value_is_not_an_absent_one() {
    Map<String, String> empty = new HashMap<>(REQUEST);
    empty.put("description", "");

    assertThat(RequestFingerprint.of(empty)).isNotEqualTo(RequestFingerprint.of(REQUEST));
  }

  @Test
  void a_null_value_counts_as_absent() {
    Map<String, String> withNull = new HashMap<>(REQUEST);
    withNull.put("description", null);

    assertThat(RequestFingerprint.of(withNull)).isEqualTo(RequestFingerprint.of(REQUEST));
  }

  @Test
  void where_a_separator_falls_matters() {
    assertThat(RequestFingerprint.of(Map.of("a", "b;1:c")))
        .isNotEqualTo(RequestFingerprint.of(Map.of("a", "b", "c", "")));
    assertThat(RequestFingerprint.of(Map.of("ab", "c")))
        .isNotEqualTo(RequestFingerprint.of(Map.of("a", "bc")));
  }

  @Test
  void a_lone_surrogate_is_not_confused_with_a_question_mark() {
    // Both used to hash to the same bytes, so a changed request looked like a replay.
    assertThat(RequestFingerprint.of(Map.of("description", "tickets \uDC00")))
        .isNotEqualTo(RequestFingerprint.of(Map.of("description", "tickets ?")));
  }

  @Test
  void threads_computing_fingerprints_at_once_each_get_the_right_ones() throws Exception {
    // Each thread reuses a digest of its own; one shared by mistake would mix two requests' bytes.
    int threads = 8;
    CountDownLatch start = new CountDownLatch(threads);
    List<Callable<List<String>>> callers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      callers.add(
          () -> {
            start.countDown();
            start.await();
            List<String> wrong = new ArrayList<>();
            for (int n = 0; n < 2_000; n++) {
              Map<String, String> fields = Map.of("externalId", "order-" + thread + "-" + n);
              if (!RequestFingerprint.of(fields).sha256Hex().equals(LegacyFingerprint.of(fields))) {
                wrong.add(fields.toString());
              }
            }
            return wrong;
          });
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (Future<List<String>> result : pool.invokeAll(callers)) {
        assertThat(result.get()).isEmpty();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void the_empty_request_has_a_fingerprint_too() {
    assertThat(RequestFingerprint.of(Map.of()).sha256Hex())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void accepts_a_stored_fingerprint() {
    String hex = RequestFingerprint.of(REQUEST).sha256Hex();
    assertThat(new RequestFingerprint(hex)).isEqualTo(RequestFingerprint.of(REQUEST));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "37EE87CC430FEDEBB94861762A662AA6F2DBEAB70B7F8A14F61D14B87B9B1279",
        "37ee87cc430fedebb94861762a662aa6f2dbeab70b7f8a14f61d14b87b9b127",
        "37ee87cc430fedebb94861762a662aa6f2dbeab70b7f8a14f61d14b87b9b12790",
        "zzee87cc430fedebb94861762a662aa6f2dbeab70b7f8a14f61d14b87b9b1279"
      })
  void rejects_a_malformed_stored_fingerprint(String hex) {
    assertRejected(() -> new RequestFingerprint(hex), "fingerprint", "malformed");
  }

  @Test
  void requires_a_value() {
    assertThatNullPointerException().isThrownBy(() -> new RequestFingerprint(null));
  }
}
