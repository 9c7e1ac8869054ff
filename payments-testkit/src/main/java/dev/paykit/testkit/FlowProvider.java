package dev.paykit.testkit;

import dev.paykit.domain.dispute.DisputeId;
import dev.paykit.domain.dispute.DisputeReason;
import dev.paykit.domain.dispute.DisputeState;
import dev.paykit.domain.dispute.ProviderDispute;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.DeclineCode;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.WebhookParser;
import dev.paykit.port.out.WebhookVerifier;
import dev.paykit.port.shared.ProviderError;
import dev.paykit.testkit.fake.ProviderLedger;
import dev.paykit.testkit.fake.SignedWebhook;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * The provider under test as the flow contracts of payments-core's test jar ({@code
 * PaymentFlowsContract}, {@code DisputeFlowsContract}) use it: the gateway, webhook verifier and
 * parser the core is built with; what a customer, issuer or cardholder does at the provider, each
 * returning the signed webhook the provider sends about it; what the provider really charged; and
 * faults of the next call. {@link dev.paykit.testkit.fake.FakeProvider} implements it in process; a
 * provider author implements it over their gateway and their sandbox (the reference one: {@code
 * ReferenceGatewayFlowProvider} in adapter-http's tests) and runs the contracts by overriding their
 * provider factory.
 *
 * <p>One instance serves one test, on the test's clock, and is {@linkplain #close() closed} after
 * it. Every action returns only once the provider has sent its webhook and it was received, so a
 * test can deliver it, again, late or never, as it chooses. What a provider cannot be made to do is
 * a {@link Capability} it does not report: the tests that need it are skipped with an assumption
 * naming it, never passed silently.
 */
public interface FlowProvider extends AutoCloseable {

  /** What a provider's sandbox may not be able to do; the tests needing one say which. */
  enum Capability {
    /**
     * {@link #refuse}: refuse the next call with an error the test chooses (a validation error, a
     * key in use), which a sandbox that only refuses what is really wrong cannot do on request.
     */
    SCRIPTED_REFUSALS,
    /**
     * {@link #moveDispute} to any state: under review without evidence from this app, and out of
     * won or lost again (a provider that contradicts itself). Without it only {@code WON} and
     * {@code LOST} of an open dispute are asked for.
     */
    ANY_DISPUTE_MOVE
  }

  /** The gateway requests a fault is armed for. */
  enum Request {
    CREATE_PAYMENT,
    CREATE_REFUND,
    SUBMIT_EVIDENCE
  }

  /** The capabilities this provider has; tests needing another are reported as not run. */
  Set<Capability> capabilities();

  /** The gateway under test, talking to this provider. */
  ProviderGateway gateway();

  /** Checks this provider's webhook signatures against {@code clock} (the test's). */
  WebhookVerifier webhookVerifier(Clock clock);

  WebhookParser webhookParser();

  // --- what the customer, the issuer and the cardholder do --------------------------------------

  /** The customer is paying: {@code IN_PROGRESS}. */
  SignedWebhook inProgress(TransactionId transactionId);

  /**
   * The customer paid: {@code CONFIRMED}. A provider that passes through {@code IN_PROGRESS} on the
   * way sends that webhook too (see {@link #sentWebhooks()}); this returns the last one.
   */
  SignedWebhook confirm(TransactionId transactionId);

  /** The issuer declined: {@code DECLINED} with reason {@code DECLINED} and {@code code}. */
  SignedWebhook decline(TransactionId transactionId, DeclineCode code);

  /** The customer gave up: {@code CANCELLED} with reason {@code CUSTOMER_CANCELLED}. */
  SignedWebhook cancel(TransactionId transactionId);

  /** Nobody paid in time: {@code EXPIRED}. */
  SignedWebhook expire(TransactionId transactionId);

  /**
   * The refund succeeded. A provider that settles refunds on its own does so shortly after creating
   * them; this then waits for that settlement's webhook.
   */
  SignedWebhook refundSucceeded(String providerRefundId);

  /**
   * The cardholder disputes {@code amount} of a confirmed payment: a dispute {@code needs_response}
   * (find its id with {@link #disputesOf}).
   */
  SignedWebhook openDispute(TransactionId transactionId, Money amount, DisputeReason reason);

  /**
   * The provider moves the dispute to {@code status}: {@code WON} or {@code LOST} for an open one;
   * any other move only with {@link Capability#ANY_DISPUTE_MOVE}.
   */
  SignedWebhook moveDispute(DisputeId disputeId, DisputeState status);

  /** Every webhook the provider sent so far, received, oldest first. */
  List<SignedWebhook> sentWebhooks();

  /** The same webhook signed with a secret the receiver does not know. */
  SignedWebhook forged(SignedWebhook genuine);

  /**
   * The same headers over a body changed on the way: the first {@code 1050} (the flows' amount) in
   * it raised to {@code 1051}. A provider whose body carries the amount otherwise overrides this.
   */
  default SignedWebhook tampered(SignedWebhook genuine) {
    String body = new String(genuine.body(), StandardCharsets.UTF_8);
    if (!body.contains("1050")) {
      throw new IllegalStateException("the webhook body has no amount 1050 to tamper with");
    }
    return new SignedWebhook(
        genuine.eventId(),
        body.replaceFirst("1050", "1051").getBytes(StandardCharsets.UTF_8),
        genuine.headers());
  }

  // --- what the provider has, read from its own records ------------------------------------------

  /**
   * What the provider charged and refunded. {@link ProviderLedger#createCalls()} counts the
   * gateway's {@code createPayment} calls (or the create requests that reached the provider).
   */
  ProviderLedger ledger();

  /** The provider's payments for the order, oldest first, however they were created. */
  List<TransactionId> transactionsFor(ExternalId order);

  /** The disputes of a payment as the provider has them now, oldest first. */
  List<ProviderDispute> disputesOf(TransactionId transactionId);

  /** How many times the provider took evidence for the dispute. */
  int evidenceReceived(DisputeId disputeId);

  // --- faults of the next call
  // ---------------------------------------------------------------------

  /** The provider acts, then the answer is lost: the gateway answers {@code Unknown}. */
  void answerLostAfterActing(Request request);

  /** The request is lost before the provider acts: {@code Unknown}, and nothing happened. */
  void lostBeforeActing(Request request);

  /** The provider cannot take the call: {@code Unavailable}, nothing happened. */
  void unavailable(Request request);

  /** The provider refuses with {@code error}: {@code Rejected}. Needs SCRIPTED_REFUSALS. */
  void refuse(Request request, ProviderError error);

  /** Stops what the provider started for the test; called after each test. */
  @Override
  default void close() {}
}
