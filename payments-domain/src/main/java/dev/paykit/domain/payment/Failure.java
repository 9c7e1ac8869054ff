package dev.paykit.domain.payment;

import java.util.Objects;
import java.util.Optional;

/** Why a payment failed or was cancelled; the decline code is there when the issuer gave one. */
public record Failure(FailureReason reason, DeclineCode declineCode, String detail) {
  public Failure {
    Objects.requireNonNull(reason, "reason");
  }

  public static Failure of(FailureReason reason) {
    return new Failure(reason, null, null);
  }

  public static Failure declined(DeclineCode code) {
    return new Failure(FailureReason.DECLINED, code, null);
  }

  public Optional<DeclineCode> decline() {
    return Optional.ofNullable(declineCode);
  }
}
