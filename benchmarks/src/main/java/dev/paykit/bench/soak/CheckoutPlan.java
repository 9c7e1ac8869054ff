package dev.paykit.bench.soak;

import dev.paykit.testkit.flows.CrashPoint;

/**
 * What happens to one checkout of the soak, drawn in advance from the seed: the faults around it
 * and what the customer does. The same seed draws the same plans.
 *
 * @param index the checkout's number, from 0
 * @param providerFault injected at the sandbox just before the checkout's first create
 * @param faultTimes how many calls an error fault affects (1 to 3: 3 outlasts the retries)
 * @param crash where the first create's process "dies"
 * @param webhookFault injected at the sandbox just before the customer acts
 * @param outcome what the customer does at the checkout
 * @param retrySameKey the client sends the same request again after its answer
 * @param concurrentDuplicate a second request with the same key races the first
 * @param verifyOnReturn the customer comes back and the shop verifies with the provider
 * @param secondAttempt after a failed payment, the customer tries again (a new key)
 * @param forge after the checkout, forged deliveries are sent to the receiver
 * @param replay after the checkout, replayed deliveries are sent to the receiver
 */
public record CheckoutPlan(
    int index,
    ProviderFault providerFault,
    int faultTimes,
    CrashPoint crash,
    WebhookFault webhookFault,
    Outcome outcome,
    boolean retrySameKey,
    boolean concurrentDuplicate,
    boolean verifyOnReturn,
    boolean secondAttempt,
    boolean forge,
    boolean replay) {

  /** A fault of the provider's API, as the sandbox injects it. */
  public enum ProviderFault {
    NONE,
    /** 500/502/503/504 before acting. */
    SERVER_ERROR,
    /** 429 with Retry-After. */
    RATE_LIMITED,
    /** The provider acts, but slower than the client's timeout. */
    TIMEOUT,
    /** The provider acts, then holds the connection and closes it without an answer. */
    RESPONSE_DROPPED_HOLD,
    /** The provider acts, then closes the connection at once. */
    RESPONSE_DROPPED_CLOSE,
    /** The provider acts, then answers 500 instead. */
    ERROR_AFTER_ACTION,
    /** Every access token expires. */
    TOKENS_EXPIRED
  }

  /** A fault of the provider's webhook delivery. */
  public enum WebhookFault {
    NONE,
    DUPLICATE,
    DELAYED,
    OUT_OF_ORDER,
    BAD_SIGNATURE
  }

  /** What the customer does at the hosted checkout. */
  public enum Outcome {
    CONFIRMED,
    DECLINED,
    CANCELLED,
    EXPIRED,
    FRAUD_SUSPECTED,
    /** Never acts: the payment stays open until the provider expires it at the end. */
    ABANDONED;

    public boolean failed() {
      return this != CONFIRMED && this != ABANDONED;
    }
  }
}
