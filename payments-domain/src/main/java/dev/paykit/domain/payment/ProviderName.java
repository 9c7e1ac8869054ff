package dev.paykit.domain.payment;

import dev.paykit.domain.Require;
import dev.paykit.domain.ValidationException;

/**
 * The shop's name for one of the payment providers it uses: a slug of 1–32 characters, a lowercase
 * letter first, then lowercase letters, digits and hyphens ({@code stripe}, {@code psp-eu}). It
 * names the provider in the stores, in the webhook endpoint's path and in the routing rule, so it
 * must stay the same for as long as payments made with it are kept. A shop with one provider never
 * names it: that one is {@link #DEFAULT}.
 */
public record ProviderName(String value) {
  /** The provider of a shop that has only one. */
  public static final ProviderName DEFAULT = new ProviderName("default");

  public ProviderName {
    Require.text("provider", value, 1, 32);
    if (!isSlug(value)) {
      throw new ValidationException(
          "provider",
          "not_a_slug",
          "must be a lowercase letter followed by lowercase letters, digits or hyphens");
    }
  }

  public static ProviderName of(String value) {
    return new ProviderName(value);
  }

  private static boolean isSlug(String value) {
    char first = value.charAt(0);
    if (first < 'a' || first > 'z') {
      return false;
    }
    for (int i = 1; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return value;
  }
}
