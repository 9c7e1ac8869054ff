package dev.paykit.port.shared;

import dev.paykit.domain.payment.DeclineCode;
import java.util.Objects;
import java.util.Optional;

/** A definitive refusal by the provider (a 4xx it will repeat however often it is asked). */
public record ProviderError(
    Kind kind, String code, String message, String param, DeclineCode declineCode) {

  public enum Kind {
    /** The request is invalid; {@code param} names the field when the provider said which. */
    VALIDATION,
    DECLINED,
    /** The credentials were refused, also after one re-authentication. */
    AUTHENTICATION,
    NOT_FOUND,
    /** The same key is being processed by the provider right now: retry later, same key. */
    IDEMPOTENCY_KEY_IN_USE,
    /** The key was used with a different body: a programming error. */
    IDEMPOTENCY_KEY_REUSE,
    NOT_REFUNDABLE,
    REFUND_EXCEEDS_PAYMENT,
    /** Evidence came after the dispute's deadline: the provider takes none any more. */
    EVIDENCE_DEADLINE_PASSED,
    OTHER
  }

  public ProviderError {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(code, "code");
  }

  public Optional<String> field() {
    return Optional.ofNullable(param);
  }
}
