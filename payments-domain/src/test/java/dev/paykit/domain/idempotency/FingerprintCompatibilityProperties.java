package dev.paykit.domain.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The fast fingerprint and key derivation give what {@link LegacyFingerprint} gave, always. */
class FingerprintCompatibilityProperties {

  /** Any text: ASCII, separators, every plane, well-formed pairs and lone surrogates. */
  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ascii().ofMaxLength(20),
        Arbitraries.strings().withChars(":;!?0123456789").ofMaxLength(8),
        Arbitraries.strings().all().ofMaxLength(12),
        Arbitraries.strings().withCharRange('\u00a0', '\u9fff').ofMaxLength(12),
        Arbitraries.strings().withChars('?', 'a').withCharRange('\uD800', '\uDFFF').ofMaxLength(6),
        Arbitraries.strings()
            .withCharRange('\uD83C', '\uD83D')
            .withCharRange('\uDC00', '\uDC02')
            .ofMaxLength(6));
  }

  @Provide
  Arbitrary<Map<String, String>> requests() {
    return Arbitraries.maps(texts(), texts().injectNull(0.1)).ofMaxSize(20);
  }

  /** What {@link IdempotencyKey#derive} accepts: 1 to 1000 characters, none of them control. */
  @Provide
  Arbitrary<List<String>> keyParts() {
    return texts()
        .filter(part -> !part.isEmpty() && part.chars().noneMatch(Character::isISOControl))
        .list()
        .ofMinSize(1)
        .ofMaxSize(5);
  }

  @Property(tries = 2000)
  void the_canonical_form_is_unchanged(@ForAll List<@From("texts") String> parts) {
    String[] array = parts.toArray(String[]::new);
    assertThat(Canonical.encode(array)).isEqualTo(LegacyFingerprint.encode(array));
  }

  @Property(tries = 2000)
  void a_request_fingerprint_is_unchanged(@ForAll("requests") Map<String, String> fields) {
    assertThat(RequestFingerprint.of(fields).sha256Hex()).isEqualTo(LegacyFingerprint.of(fields));
  }

  @Property(tries = 1000)
  void a_derived_key_is_unchanged(@ForAll("keyParts") List<String> parts) {
    String[] array = parts.toArray(String[]::new);
    assertThat(IdempotencyKey.derive(array).value()).isEqualTo(LegacyFingerprint.derive(array));
  }
}
