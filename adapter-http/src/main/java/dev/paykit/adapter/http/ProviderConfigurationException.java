package dev.paykit.adapter.http;

import dev.paykit.domain.PaykitException;
import java.util.Objects;

/**
 * A configuration value for the provider is missing or invalid. It names the variable and never
 * quotes a secret's value.
 */
public final class ProviderConfigurationException extends PaykitException {
  private static final long serialVersionUID = 1L;

  private final String variable;

  public ProviderConfigurationException(String variable, String problem) {
    super("invalid_setting", variable, 500, variable + " " + problem);
    this.variable = Objects.requireNonNull(variable, "variable");
  }

  /** The environment variable at fault, e.g. {@code PAYKIT_PROVIDER_URL}. */
  public String variable() {
    return variable;
  }
}
