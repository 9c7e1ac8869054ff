package dev.paykit.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts that a call fails with a {@link ValidationException} for a given field and rule. */
public final class ValidationAssert {
  private ValidationAssert() {}

  /** Returns the exception so that a test can look at its message as well. */
  public static ValidationException assertRejected(
      ThrowingCallable call, String field, String rule) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(ValidationException.class);
    ValidationException e = (ValidationException) thrown;
    assertThat(e.field()).as("field of: %s", e.getMessage()).isEqualTo(field);
    assertThat(e.rule()).as("rule of: %s", e.getMessage()).isEqualTo(rule);
    return e;
  }
}
