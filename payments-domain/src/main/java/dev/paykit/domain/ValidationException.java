package dev.paykit.domain;

import java.util.Objects;

/**
 * A value given to Paykit breaks a rule. It names the field (as the caller spelled it, e.g. {@code
 * amount.value} or {@code metadata.cartId}) and the rule, so that an API can answer with a precise
 * 400 and a developer can fix the request without reading Paykit's source.
 */
public final class ValidationException extends PaykitException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String rule;

  public ValidationException(String field, String rule, String message) {
    super("invalid_field", field, 400, field + ": " + message);
    this.field = field;
    this.rule = Objects.requireNonNull(rule, "rule");
  }

  /** The field that broke the rule, in the request's own spelling. */
  public String field() {
    return field;
  }

  /** A stable machine code for the rule, e.g. {@code too_long} or {@code below_minimum}. */
  public String rule() {
    return rule;
  }
}
