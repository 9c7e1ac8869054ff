package dev.paykit.adapter.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.paykit.domain.dispute.DisputeId;
import dev.paykit.domain.dispute.DisputeReason;
import dev.paykit.domain.dispute.DisputeState;
import dev.paykit.domain.dispute.ProviderDispute;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.DeclineCode;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.Secret;
import dev.paykit.port.out.WebhookParser;
import dev.paykit.port.out.WebhookVerifier;
import dev.paykit.port.shared.ProviderError;
import dev.paykit.port.shared.WebhookHeaders;
import dev.paykit.stripefake.FakeStripe;
import dev.paykit.stripefake.FakeStripeConfig;
import dev.paykit.stripefake.FakeStripeFaults.Route;
import dev.paykit.testkit.CountingCreates;
import dev.paykit.testkit.FlowProvider;
import dev.paykit.testkit.fake.ProviderLedger;
import dev.paykit.testkit.fake.SignedWebhook;
import dev.paykit.transport.RetryPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Stripe gateway talking over loopback HTTP to the project's fake Stripe, as the flow
 * contracts' provider, on the test's clock (so intents' and events' times, signature timestamps,
 * key memory and evidence deadlines move when the test moves time).
 *
 * <p>Each customer, issuer or bank action is one of the fake's own methods, and returns the event
 * it sent, with the {@code Stripe-Signature} it was signed with when it happened: the fake is given
 * no webhook URL, so the test alone delivers (its posting is the fake's own tests' concern). What
 * the fake charged and refunded is read from its records and from the idempotency key each creating
 * event names ({@code request.idempotency_key}, as on Stripe). Faults of the next call are the
 * fake's own, armed for every attempt the gateway makes.
 *
 * <p>Not reported as a capability: moving a dispute other than from open to won or lost. Stripe
 * takes a dispute under review on evidence and never reopens a decided one, and so does the fake.
 */
final class StripeFlowProvider implements FlowProvider {
  /** The gateway's attempts per call: every fault is armed for all of them. */
  private static final int ATTEMPTS = 2;

  private static final ObjectMapper JSON =
      new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private final FakeStripe stripe;
  private final CountingCreates gateway;

  StripeFlowProvider(Clock clock) {
    stripe = FakeStripe.start(FakeStripeConfig.defaults().withClock(clock));
    StripeSettings settings =
        new StripeSettings(
            stripe.baseUri(),
            stripe.baseUri(),
            Secret.of(stripe.config().apiKey()),
            secrets(),
            stripe.baseUri().resolve("/checkout"),
            Duration.ofSeconds(2),
            new RetryPolicy(
                ATTEMPTS, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(30)));
    gateway = new CountingCreates(new StripeGateway(settings, PaykitObserver.noop(), clock));
  }

  private List<Secret> secrets() {
    return stripe.config().webhookSecrets().stream().map(Secret::of).toList();
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.SCRIPTED_REFUSALS);
  }

  @Override
  public ProviderGateway gateway() {
    return gateway;
  }

  @Override
  public WebhookVerifier webhookVerifier(Clock clock) {
    return new StripeSignatureVerifier(secrets(), clock);
  }

  @Override
  public WebhookParser webhookParser() {
    return new StripeWebhookParser();
  }

  // --- actions ---------------------------------------------------------------------------------

  /** The customer's bank asks them to authenticate (3-D Secure): {@code requires_action}. */
  @Override
  public SignedWebhook inProgress(TransactionId transactionId) {
    stripe.requireAction(transactionId.value());
    return latest();
  }

  /** {@code processing}, then {@code succeeded}; the second event is returned. */
  @Override
  public SignedWebhook confirm(TransactionId transactionId) {
    stripe.succeed(transactionId.value());
    return latest();
  }

  @Override
  public SignedWebhook decline(TransactionId transactionId, DeclineCode code) {
    stripe.decline(transactionId.value(), code.value());
    return latest();
  }

  @Override
  public SignedWebhook cancel(TransactionId transactionId) {
    stripe.cancel(transactionId.value());
    return latest();
  }

  @Override
  public SignedWebhook expire(TransactionId transactionId) {
    stripe.abandon(transactionId.value());
    return latest();
  }

  @Override
  public SignedWebhook refundSucceeded(String providerRefundId) {
    stripe.settleRefund(providerRefundId);
    return latest();
  }

  @Override
  public SignedWebhook openDispute(
      TransactionId transactionId, Money amount, DisputeReason reason) {
    String wire =
        reason == DisputeReason.OTHER ? "general" : reason.name().toLowerCase(Locale.ROOT);
    stripe.openDispute(transactionId.value(), amount.minorUnits(), wire);
    return latest();
  }

  @Override
  public SignedWebhook moveDispute(DisputeId disputeId, DisputeState status) {
    if (status != DisputeState.WON && status != DisputeState.LOST) {
      throw new UnsupportedOperationException(
          "Stripe and the fake decide an open dispute only: " + Capability.ANY_DISPUTE_MOVE);
    }
    stripe.closeDispute(disputeId.value(), status == DisputeState.WON);
    return latest();
  }

  private SignedWebhook latest() {
    List<SignedWebhook> sent = sentWebhooks();
    return sent.get(sent.size() - 1);
  }

  @Override
  public List<SignedWebhook> sentWebhooks() {
    return stripe.events().stream().map(e -> webhook(e.id(), e.body(), e.signature())).toList();
  }

  @Override
  public SignedWebhook forged(SignedWebhook genuine) {
    byte[] key = new byte[24];
    new SecureRandom().nextBytes(key);
    String stranger = "whsec_" + HexFormat.of().formatHex(key);
    String header = genuine.headers().first(StripeSignatureVerifier.HEADER).orElseThrow();
    long t = Long.parseLong(header.substring(2, header.indexOf(',')));
    String forged = "t=" + t + ",v1=" + FakeStripe.sign(stranger, t, genuine.body());
    return webhook(genuine.eventId().value(), genuine.body(), forged);
  }

  private static SignedWebhook webhook(String id, byte[] body, String signature) {
    return new SignedWebhook(
        new EventId(id),
        body,
        new WebhookHeaders(Map.of(StripeSignatureVerifier.HEADER, List.of(signature))));
  }

  // --- the fake's records ----------------------------------------------------------------------

  @Override
  public ProviderLedger ledger() {
    return new Ledger();
  }

  @Override
  public List<TransactionId> transactionsFor(ExternalId order) {
    return stripe.paymentIntents().stream()
        .filter(pi -> order.value().equals(pi.metadata().get(StripeJson.EXTERNAL_ID)))
        .map(pi -> new TransactionId(pi.id()))
        .toList();
  }

  /** Read as the gateway reads a dispute, from the object as the fake writes it. */
  @Override
  public List<ProviderDispute> disputesOf(TransactionId transactionId) {
    return stripe.disputes().stream()
        .filter(d -> d.paymentIntent().equals(transactionId.value()))
        .map(d -> StripeJson.MAPPER.convertValue(d, StripeJson.Dispute.class).toDispute())
        .toList();
  }

  @Override
  public int evidenceReceived(DisputeId disputeId) {
    return stripe.disputes().stream()
        .filter(d -> d.id().equals(disputeId.value()))
        .mapToInt(d -> d.evidenceDetails().submissionCount())
        .sum();
  }

  // --- faults ----------------------------------------------------------------------------------

  @Override
  public void answerLostAfterActing(Request request) {
    stripe.faults().closeAfterActing(route(request), ATTEMPTS);
  }

  @Override
  public void lostBeforeActing(Request request) {
    stripe.faults().closeBeforeActing(route(request), ATTEMPTS);
  }

  /** {@code 429 lock_timeout}, which Stripe answers before acting. */
  @Override
  public void unavailable(Request request) {
    stripe.faults().refuseBeforeActing(route(request), ATTEMPTS);
  }

  /** The error in Stripe's shape, with the status and type Stripe gives its kind; not retried. */
  @Override
  public void refuse(Request request, ProviderError error) {
    int status;
    String type = "invalid_request_error";
    switch (error.kind()) {
      case DECLINED -> {
        status = 402;
        type = "card_error";
      }
      case AUTHENTICATION -> status = 401;
      case NOT_FOUND -> status = 404;
      case IDEMPOTENCY_KEY_IN_USE -> {
        status = 409;
        type = "idempotency_error";
      }
      case IDEMPOTENCY_KEY_REUSE -> {
        status = 400;
        type = "idempotency_error";
      }
      default -> status = 400;
    }
    stripe.faults().answer(route(request), 1, status, type, error.code(), null, null);
  }

  private static Route route(Request request) {
    return switch (request) {
      case CREATE_PAYMENT -> Route.CREATE_PAYMENT_INTENT;
      case CREATE_REFUND -> Route.CREATE_REFUND;
      case SUBMIT_EVIDENCE -> Route.UPDATE_DISPUTE;
    };
  }

  @Override
  public void close() {
    stripe.close();
  }

  /** The creating events of {@code type} that name {@code key} as their request's. */
  private int createdWith(String type, IdempotencyKey key) {
    int created = 0;
    for (FakeStripe.SignedEvent event : stripe.events()) {
      if (event.type().equals(type)) {
        try {
          JsonNode body = JSON.readTree(event.body());
          created +=
              key.value().equals(body.path("request").path("idempotency_key").asText()) ? 1 : 0;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return created;
  }

  /** What the fake's records and events say, and the creates the gateway was asked for. */
  private final class Ledger implements ProviderLedger {
    @Override
    public int paymentsCreated(IdempotencyKey key) {
      return createdWith("payment_intent.created", key);
    }

    @Override
    public int totalPaymentsCreated() {
      return stripe.paymentIntents().size();
    }

    @Override
    public int refundsCreated(IdempotencyKey key) {
      return createdWith("refund.created", key);
    }

    @Override
    public long refundedMinorUnits(TransactionId transactionId) {
      return stripe.refunds().stream()
          .filter(r -> r.paymentIntent().equals(transactionId.value()))
          .filter(r -> !r.status().equals("failed") && !r.status().equals("canceled"))
          .mapToLong(FakeStripe.Refund::amount)
          .sum();
    }

    @Override
    public int createCalls() {
      return gateway.createCalls();
    }

    @Override
    public int paymentsCreated(ExternalId order) {
      return transactionsFor(order).size();
    }

    @Override
    public int refundsCreated(TransactionId payment) {
      return (int)
          stripe.refunds().stream().filter(r -> r.paymentIntent().equals(payment.value())).count();
    }
  }
}
