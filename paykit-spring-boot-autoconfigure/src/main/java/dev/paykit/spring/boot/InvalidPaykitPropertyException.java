package dev.paykit.spring.boot;

import java.util.Locale;
import java.util.Objects;

/**
 * A {@code paykit.*} property is missing or invalid. The message names the property and the rule,
 * never a secret's value or a URL (which may hold credentials); {@link
 * InvalidPaykitPropertyFailureAnalyzer} turns it into Spring Boot's start-up failure report.
 */
public final class InvalidPaykitPropertyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String property;
  private final String problem;

  public InvalidPaykitPropertyException(String property, String problem) {
    super(property + " " + problem);
    this.property = Objects.requireNonNull(property, "property");
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /** The property at fault, e.g. {@code paykit.provider.url}. */
  public String property() {
    return property;
  }

  /** What is wrong with it, without its value. */
  public String problem() {
    return problem;
  }

  /**
   * The environment variable Spring Boot binds to the property: {@code
   * paykit.provider.client.secret} is {@code PAYKIT_PROVIDER_CLIENT_SECRET}.
   */
  public String environmentVariable() {
    return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
  }
}
