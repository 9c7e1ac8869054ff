package dev.paykit.domain.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class IdempotencyKeyProperties {

  @Provide
  Arbitrary<List<String>> parts() {
    Arbitrary<String> part =
        Arbitraries.oneOf(
            Arbitraries.strings()
                .ascii()
                .excludeChars((char) 0x7f)
                .ofMinLength(1)
                .ofMaxLength(8)
                .filter(s -> s.chars().noneMatch(Character::isISOControl)),
            Arbitraries.strings().withChars(":;1a?").ofMinLength(1).ofMaxLength(5),
            Arbitraries.strings()
                .withChars('?')
                .withCharRange('\uD800', '\uDFFF')
                .ofMinLength(1)
                .ofMaxLength(3));
    return part.list().ofMinSize(1).ofMaxSize(4);
  }

  @Property
  void derivation_is_deterministic_and_always_a_valid_key(@ForAll("parts") List<String> parts) {
    IdempotencyKey key = IdempotencyKey.derive(parts.toArray(String[]::new));

    assertThat(IdempotencyKey.derive(parts.toArray(String[]::new))).isEqualTo(key);
    assertThat(IdempotencyKey.of(key.value())).isEqualTo(key);
    assertThat(key.value()).matches("pk_[0-9a-f]{64}");
  }

  @Property
  void different_parts_derive_different_keys(
      @ForAll("parts") List<String> one, @ForAll("parts") List<String> two) {
    boolean sameKey =
        IdempotencyKey.derive(one.toArray(String[]::new))
            .equals(IdempotencyKey.derive(two.toArray(String[]::new)));

    assertThat(sameKey).isEqualTo(one.equals(two));
  }
}
