package dev.paykit.domain.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paykit.domain.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProviderNameTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"default", "stripe", "psp-eu", "a", "p2", "a234567890123456789012345678901"})
  void a_slug_is_a_provider_name(String value) {
    assertThat(ProviderName.of(value).value()).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Stripe", "1psp", "-psp", "psp_eu", "psp eu", "psp/eu", "psp.eu", "é"})
  void anything_but_a_slug_is_refused_naming_the_field(String value) {
    assertThatThrownBy(() -> ProviderName.of(value))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo("provider");
              assertThat(e.getMessage()).doesNotContain(value);
            });
  }

  @Test
  void an_empty_or_overlong_name_is_refused_naming_the_field() {
    assertThatThrownBy(() -> ProviderName.of(""))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("provider"));
    assertThatThrownBy(() -> ProviderName.of("a".repeat(33)))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("provider"));
  }

  @Test
  void a_shop_of_one_provider_calls_it_default() {
    assertThat(ProviderName.DEFAULT).isEqualTo(ProviderName.of("default"));
    assertThat(
            Payment.create(
                    PaymentFixtures.PAYMENT_ID,
                    PaymentFixtures.KEY,
                    PaymentFixtures.request(),
                    PaymentFixtures.T0)
                .provider())
        .isEqualTo(ProviderName.DEFAULT);
  }
}
