package dev.paykit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paykit.port.out.StoreConflictException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

final class ConflictAssertions {
  private ConflictAssertions() {}

  static void assertConflict(ThrowingCallable call, StoreConflictException.Kind kind) {
    assertThatThrownBy(call).satisfies(failure -> assertConflictKind(failure, kind));
  }

  static void assertConflictKind(Throwable failure, StoreConflictException.Kind kind) {
    assertThat(failure)
        .isInstanceOfSatisfying(
            StoreConflictException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }
}
