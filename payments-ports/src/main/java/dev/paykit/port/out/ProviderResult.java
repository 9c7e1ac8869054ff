package dev.paykit.port.out;

import dev.paykit.port.shared.ProviderError;
import java.util.function.Function;

/**
 * What a provider call came to. The distinction that matters for money is between {@link
 * Unavailable} (the provider did not act: safe to queue and send later) and {@link Unknown} (it may
 * have acted: the payment stays {@code SUBMITTED} and is finished with the same idempotency key).
 */
public sealed interface ProviderResult<T> {

  /** The provider answered; {@code replayed} when it answered a stored idempotent response. */
  record Success<T>(T value, String requestId, boolean replayed) implements ProviderResult<T> {}

  /** The provider refused, definitively. */
  record Rejected<T>(ProviderError error, String requestId) implements ProviderResult<T> {}

  /** The provider could not be reached or stayed overloaded through every retry. */
  record Unavailable<T>(String detail) implements ProviderResult<T> {}

  /** No answer came (timeout, connection lost after sending): it may or may not have acted. */
  record Unknown<T>(String detail) implements ProviderResult<T> {}

  /**
   * The one exhaustive way to handle a result: a function per variant. A new variant changes this
   * signature, so every caller that must decide about it stops compiling until it does.
   */
  default <R> R fold(
      Function<Success<T>, R> success,
      Function<Rejected<T>, R> rejected,
      Function<Unavailable<T>, R> unavailable,
      Function<Unknown<T>, R> unknown) {
    if (this instanceof Success<T> s) {
      return success.apply(s);
    }
    if (this instanceof Rejected<T> r) {
      return rejected.apply(r);
    }
    if (this instanceof Unavailable<T> u) {
      return unavailable.apply(u);
    }
    return unknown.apply((Unknown<T>) this);
  }

  default <R> ProviderResult<R> map(Function<T, R> mapper) {
    if (this instanceof Success<T> s) {
      return new Success<>(mapper.apply(s.value()), s.requestId(), s.replayed());
    }
    @SuppressWarnings("unchecked")
    ProviderResult<R> same = (ProviderResult<R>) this;
    return same;
  }
}
