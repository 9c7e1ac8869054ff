package dev.paykit.domain.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RequestFingerprintProperties {

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.strings()
        .alpha()
        .numeric()
        .withChars('.', '_')
        .ofMinLength(1)
        .ofMaxLength(12);
  }

  /** Values that include separators, non-ASCII text and lone surrogates. */
  @Provide
  Arbitrary<String> values() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ascii().ofMaxLength(20),
        Arbitraries.strings().withChars(":;?0123456789").ofMaxLength(8),
        Arbitraries.strings().all().ofMaxLength(10),
        Arbitraries.strings().withChars('?', 'a').withCharRange('\uD800', '\uDFFF').ofMaxLength(4));
  }

  @Provide
  Arbitrary<Map<String, String>> requests() {
    return Arbitraries.maps(names(), values()).ofMaxSize(10);
  }

  private static Map<String, String> shuffled(Map<String, String> fields, Random random) {
    List<String> names = new ArrayList<>(fields.keySet());
    Collections.shuffle(names, random);
    Map<String, String> copy = new LinkedHashMap<>();
    names.forEach(name -> copy.put(name, fields.get(name)));
    return copy;
  }

  @Property
  void the_order_of_the_fields_does_not_matter(
      @ForAll("requests") Map<String, String> fields, @ForAll Random random) {
    assertThat(RequestFingerprint.of(shuffled(fields, random)))
        .isEqualTo(RequestFingerprint.of(shuffled(fields, random)))
        .isEqualTo(RequestFingerprint.of(fields));
  }

  @Property
  void a_changed_value_changes_it(
      @ForAll("requests") Map<String, String> fields,
      @ForAll("values") String newValue,
      @ForAll Random random) {
    Assume.that(!fields.isEmpty());
    String name = new ArrayList<>(fields.keySet()).get(random.nextInt(fields.size()));
    Assume.that(!fields.get(name).equals(newValue));
    Map<String, String> changed = new LinkedHashMap<>(fields);
    changed.put(name, newValue);

    assertThat(RequestFingerprint.of(changed)).isNotEqualTo(RequestFingerprint.of(fields));
  }

  @Property
  void an_added_field_changes_it(
      @ForAll("requests") Map<String, String> fields,
      @ForAll("names") String name,
      @ForAll("values") String value) {
    Assume.that(!fields.containsKey(name));
    Map<String, String> added = new LinkedHashMap<>(fields);
    added.put(name, value);

    assertThat(RequestFingerprint.of(added)).isNotEqualTo(RequestFingerprint.of(fields));
  }

  @Property
  void a_renamed_field_changes_it(
      @ForAll("requests") Map<String, String> fields,
      @ForAll("names") String newName,
      @ForAll Random random) {
    Assume.that(!fields.isEmpty() && !fields.containsKey(newName));
    String name = new ArrayList<>(fields.keySet()).get(random.nextInt(fields.size()));
    Map<String, String> renamed = new LinkedHashMap<>(fields);
    renamed.put(newName, renamed.remove(name));

    assertThat(RequestFingerprint.of(renamed)).isNotEqualTo(RequestFingerprint.of(fields));
  }

  @Property
  void equal_fingerprints_mean_equal_requests(
      @ForAll("requests") Map<String, String> one, @ForAll("requests") Map<String, String> two) {
    // The contrapositive of "any change matters", over unrelated pairs of requests.
    assertThat(RequestFingerprint.of(one).equals(RequestFingerprint.of(two)))
        .isEqualTo(one.equals(two));
  }
}
