package dev.paykit.transport;

import java.util.Locale;
import java.util.Objects;

/**
 * The gateway's say on whether an answer that is not 2xx is retried, for providers that send hints
 * of their own. {@link ProviderExchange} works out a {@link Decision} by the default rule (429 and
 * 5xx are retried as answers of a provider that did not act; any other status is final) and passes
 * it here with the answer; what this returns is what happens.
 *
 * <p>Retrying is only safe where the request is idempotent or the provider did not act: every
 * attempt carries the same {@code Idempotency-Key}, so a provider that keeps its keys answers a
 * repeat with the first result.
 */
@FunctionalInterface
public interface RetryAdvice {

  /** What to do with one answer. */
  enum Decision {
    /** The answer is final: the exchange ends with it as {@link Outcome.Answered}. */
    ANSWER,
    /** Retry: the provider did not act, so giving up ends in {@link Outcome.NotActed}. */
    RETRY_NOT_ACTED,
    /** Retry, but the provider may have acted: giving up ends in {@link Outcome.MayHaveActed}. */
    RETRY_MAY_HAVE_ACTED;

    /** Whether this decision sends the request again (while the retry policy allows). */
    public boolean retries() {
      return this != ANSWER;
    }
  }

  /**
   * Decides for {@code answer} (never 2xx, never a 401 that fresh credentials may fix).
   *
   * @param byDefault what the default rule decided
   */
  Decision decide(Outcome.Answered answer, Decision byDefault);

  /** The default rule unchanged. */
  static RetryAdvice standard() {
    return (answer, byDefault) -> byDefault;
  }

  /**
   * Honours a provider's {@code true}/{@code false} header (Stripe's {@code Stripe-Should-Retry}),
   * both ways: {@code false} makes the answer final even where the default would retry, and {@code
   * true} retries it even where the default would not; an answer without the header, or with
   * another value, keeps the default decision. An answer retried only because of the header is
   * treated as one after which the provider may have acted: the header says a repeat may succeed,
   * not that nothing happened.
   */
  static RetryAdvice header(String name) {
    Objects.requireNonNull(name, "name");
    return (answer, byDefault) -> {
      String hint = answer.header(name).map(v -> v.strip().toLowerCase(Locale.ROOT)).orElse("");
      switch (hint) {
        case "true":
          return byDefault.retries() ? byDefault : Decision.RETRY_MAY_HAVE_ACTED;
        case "false":
          return Decision.ANSWER;
        default:
          return byDefault;
      }
    };
  }

  /** This advice, then {@code next} given this one's decision as its default. */
  default RetryAdvice andThen(RetryAdvice next) {
    Objects.requireNonNull(next, "next");
    return (answer, byDefault) -> next.decide(answer, decide(answer, byDefault));
  }
}
