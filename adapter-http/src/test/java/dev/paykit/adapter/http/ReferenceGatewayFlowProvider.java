package dev.paykit.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
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
import dev.paykit.sandbox.DisputeStatus;
import dev.paykit.sandbox.Fault;
import dev.paykit.sandbox.RefundStatus;
import dev.paykit.sandbox.SandboxAmount;
import dev.paykit.sandbox.SandboxConfig;
import dev.paykit.sandbox.SandboxDispute;
import dev.paykit.sandbox.SandboxProvider;
import dev.paykit.sandbox.SimulatedOutcome;
import dev.paykit.sandbox.WebhookDelivery;
import dev.paykit.testkit.CountingCreates;
import dev.paykit.testkit.FlowProvider;
import dev.paykit.testkit.fake.ProviderLedger;
import dev.paykit.testkit.fake.SignedWebhook;
import dev.paykit.transport.RetryPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The reference gateway ({@link HttpProviderGateway}) talking over loopback HTTP to a sandbox of
 * its own, as the flow contracts' provider: what a provider author writes to run the flows against
 * their gateway and sandbox.
 *
 * <p>The sandbox runs on the test's clock, so expiry, token lifetimes, key memory, webhook
 * timestamps and evidence deadlines move when the test moves time. Its webhooks go to a loopback
 * endpoint here that takes every delivery (so the sandbox never redelivers) and keeps it; each
 * customer or issuer action is one call of the sandbox's simulation API and returns once its
 * webhook arrived. Faults of the next call are the sandbox's own fault injection, armed for every
 * attempt the gateway makes.
 *
 * <p>What the sandbox cannot do is not reported as a capability: refusing a call with an error of
 * the test's choosing (it refuses only what is wrong), and moving a dispute other than from open to
 * won or lost (it takes a dispute under review only on evidence, and never reopens a decided one).
 * Refunds settle on their own, a moment after they are created; {@link #refundSucceeded} waits for
 * that.
 */
final class ReferenceGatewayFlowProvider implements FlowProvider {
  /** The gateway's attempts per call: every fault is armed for all of them. */
  private static final int ATTEMPTS = 2;

  private static final Duration WEBHOOK_WAIT = Duration.ofSeconds(10);
  private static final String PAYMENT_EVENT = "payment.status_changed";
  private static final String REFUND_EVENT = "refund.status_changed";
  private static final String DISPUTE_EVENT = "dispute.status_changed";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Endpoint endpoint = new Endpoint();
  private final SandboxProvider sandbox;
  private final CountingCreates gateway;

  ReferenceGatewayFlowProvider(Clock clock) {
    sandbox =
        SandboxProvider.start(
            SandboxConfig.builder().clock(clock).webhookUrl(endpoint.url()).build());
    ProviderHttpSettings settings =
        new ProviderHttpSettings(
            sandbox.baseUri(),
            sandbox.clientId(),
            Secret.of(sandbox.clientSecret().reveal()),
            List.of(Secret.of(sandbox.webhookSecret().reveal())),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            new RetryPolicy(
                ATTEMPTS, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(30)));
    gateway =
        new CountingCreates(HttpProviderGateway.create(settings, PaykitObserver.noop(), clock));
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.noneOf(Capability.class);
  }

  @Override
  public ProviderGateway gateway() {
    return gateway;
  }

  @Override
  public WebhookVerifier webhookVerifier(Clock clock) {
    return new StandardWebhookVerifier(List.of(Secret.of(sandbox.webhookSecret().reveal())), clock);
  }

  @Override
  public WebhookParser webhookParser() {
    return new JacksonWebhookParser();
  }

  // --- actions ---------------------------------------------------------------------------------

  @Override
  public SignedWebhook inProgress(TransactionId transactionId) {
    return simulate(transactionId, SimulatedOutcome.INPROGRESS, null, "inprogress");
  }

  @Override
  public SignedWebhook confirm(TransactionId transactionId) {
    return simulate(transactionId, SimulatedOutcome.CONFIRMED, null, "confirmed");
  }

  @Override
  public SignedWebhook decline(TransactionId transactionId, DeclineCode code) {
    return simulate(transactionId, SimulatedOutcome.DECLINED, code.value(), "cancelled");
  }

  @Override
  public SignedWebhook cancel(TransactionId transactionId) {
    return simulate(transactionId, SimulatedOutcome.CANCELLED, null, "cancelled");
  }

  @Override
  public SignedWebhook expire(TransactionId transactionId) {
    return simulate(transactionId, SimulatedOutcome.EXPIRED, null, "expired");
  }

  private SignedWebhook simulate(
      TransactionId transactionId, SimulatedOutcome outcome, String declineCode, String status) {
    sandbox.simulate(transactionId.value(), outcome, declineCode);
    return endpoint.await(
        PAYMENT_EVENT, data -> matches(data, "transactionId", transactionId.value(), status));
  }

  @Override
  public SignedWebhook refundSucceeded(String providerRefundId) {
    return endpoint.await(
        REFUND_EVENT,
        data -> matches(data, "refundId", providerRefundId, RefundStatus.SUCCEEDED.wireName()));
  }

  @Override
  public SignedWebhook openDispute(
      TransactionId transactionId, Money amount, DisputeReason reason) {
    SandboxDispute opened =
        sandbox.openDispute(
            transactionId.value(),
            reason.name().toLowerCase(Locale.ROOT),
            new SandboxAmount(amount.minorUnits(), amount.currencyCode()));
    return awaitDispute(opened.disputeId(), DisputeStatus.NEEDS_RESPONSE);
  }

  @Override
  public SignedWebhook moveDispute(DisputeId disputeId, DisputeState status) {
    DisputeStatus outcome =
        switch (status) {
          case WON -> DisputeStatus.WON;
          case LOST -> DisputeStatus.LOST;
          default ->
              throw new UnsupportedOperationException(
                  "the sandbox moves an open dispute only to won or lost; "
                      + status
                      + " needs "
                      + Capability.ANY_DISPUTE_MOVE);
        };
    sandbox.resolveDispute(disputeId.value(), outcome);
    return awaitDispute(disputeId.value(), outcome);
  }

  private SignedWebhook awaitDispute(String disputeId, DisputeStatus status) {
    return endpoint.await(
        DISPUTE_EVENT, data -> matches(data, "disputeId", disputeId, status.wireName()));
  }

  private static boolean matches(JsonNode data, String idField, String id, String status) {
    return id.equals(data.path(idField).asText()) && status.equals(data.path("status").asText());
  }

  @Override
  public List<SignedWebhook> sentWebhooks() {
    List<SignedWebhook> sent = new ArrayList<>();
    for (WebhookDelivery event : sandbox.webhookDeliveries()) {
      sent.add(endpoint.await(event.eventId()));
    }
    return sent;
  }

  @Override
  public SignedWebhook forged(SignedWebhook genuine) {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    StandardWebhookSigner stranger =
        new StandardWebhookSigner(
            List.of(Secret.of("whsec_" + Base64.getEncoder().encodeToString(key))));
    Map<String, List<String>> headers = new LinkedHashMap<>();
    String id = header(genuine, "webhook-id");
    String timestamp = header(genuine, "webhook-timestamp");
    headers.put("webhook-id", List.of(id));
    headers.put("webhook-timestamp", List.of(timestamp));
    headers.put("webhook-signature", List.of(stranger.signature(id, timestamp, genuine.body())));
    return new SignedWebhook(genuine.eventId(), genuine.body(), new WebhookHeaders(headers));
  }

  private static String header(SignedWebhook webhook, String name) {
    return webhook
        .headers()
        .first(name)
        .orElseThrow(() -> new AssertionError("the sandbox's webhook has no " + name));
  }

  // --- the sandbox's records -------------------------------------------------------------------

  @Override
  public ProviderLedger ledger() {
    return new Ledger();
  }

  @Override
  public List<TransactionId> transactionsFor(ExternalId order) {
    return sandbox.payments().stream()
        .filter(p -> p.externalId().equals(order.value()))
        .map(p -> new TransactionId(p.transactionId()))
        .toList();
  }

  @Override
  public List<ProviderDispute> disputesOf(TransactionId transactionId) {
    return sandbox.disputes(transactionId.value()).stream()
        .map(
            d ->
                new ProviderDispute(
                    new DisputeId(d.disputeId()),
                    new TransactionId(d.transactionId()),
                    Money.of(d.amount().value(), d.amount().currency()),
                    readWire(() -> ReferenceWire.disputeReason(d.reason(), "reason")),
                    readWire(() -> ReferenceWire.disputeStatus(d.status().wireName(), "status")),
                    d.evidenceDueBy(),
                    d.createdAt(),
                    d.updatedAt()))
        .toList();
  }

  /** The sandbox takes a dispute under review only on evidence: each such event is one. */
  @Override
  public int evidenceReceived(DisputeId disputeId) {
    return (int)
        sentWebhooks().stream()
            .map(Endpoint::read)
            .filter(event -> DISPUTE_EVENT.equals(event.path("type").asText()))
            .filter(
                event ->
                    matches(
                        event.path("data"),
                        "disputeId",
                        disputeId.value(),
                        DisputeStatus.UNDER_REVIEW.wireName()))
            .count();
  }

  // --- faults ----------------------------------------------------------------------------------

  @Override
  public void answerLostAfterActing(Request request) {
    sandbox.faults().inject(Fault.dropResponse(route(request)).closeImmediately().times(ATTEMPTS));
  }

  @Override
  public void lostBeforeActing(Request request) {
    sandbox
        .faults()
        .inject(
            Fault.dropResponse(route(request)).beforeAction().closeImmediately().times(ATTEMPTS));
  }

  @Override
  public void unavailable(Request request) {
    sandbox.faults().inject(Fault.error(route(request), 503).times(ATTEMPTS));
  }

  @Override
  public void refuse(Request request, ProviderError error) {
    throw new UnsupportedOperationException(
        "the sandbox refuses only what is wrong: " + Capability.SCRIPTED_REFUSALS);
  }

  private static String route(Request request) {
    return switch (request) {
      case CREATE_PAYMENT -> "POST /v1/payments";
      case CREATE_REFUND -> "POST /v1/payments/{transactionId}/refunds";
      case SUBMIT_EVIDENCE -> "POST /v1/disputes/{disputeId}/evidence";
    };
  }

  @Override
  public void close() {
    sandbox.close();
    endpoint.close();
  }

  /** What the sandbox's ledger and records say, and the creates the gateway was asked for. */
  private final class Ledger implements ProviderLedger {
    @Override
    public int paymentsCreated(IdempotencyKey key) {
      return sandbox.ledger().paymentsFor(key.value());
    }

    @Override
    public int totalPaymentsCreated() {
      return Math.toIntExact(sandbox.ledger().paymentsCreated());
    }

    @Override
    public int refundsCreated(IdempotencyKey key) {
      return sandbox.ledger().refundsFor(key.value());
    }

    @Override
    public long refundedMinorUnits(TransactionId transactionId) {
      return sandbox.refunds(transactionId.value()).stream()
          .filter(r -> r.status() != RefundStatus.FAILED)
          .mapToLong(r -> r.amount().value())
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
      return sandbox.refunds(payment.value()).size();
    }
  }

  private interface WireRead<T> {
    T read() throws ProviderJson.UnreadableJsonException;
  }

  private static <T> T readWire(WireRead<T> read) {
    try {
      return read.read();
    } catch (ProviderJson.UnreadableJsonException e) {
      throw new IllegalStateException("the sandbox answered a word the API does not have", e);
    }
  }

  /**
   * The merchant's webhook endpoint on loopback: answers every delivery 204 and keeps the first
   * copy of each event, in the order they came.
   */
  private static final class Endpoint implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, SignedWebhook> received = new LinkedHashMap<>();

    Endpoint() {
      try {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server.createContext(
          "/webhooks",
          exchange -> {
            try (exchange) {
              byte[] body = exchange.getRequestBody().readAllBytes();
              WebhookHeaders headers =
                  new WebhookHeaders(new LinkedHashMap<>(exchange.getRequestHeaders()));
              Optional<String> id = headers.first("webhook-id");
              if (id.isPresent()) {
                keep(new SignedWebhook(new EventId(id.get()), body, headers));
              }
              exchange.sendResponseHeaders(204, -1);
            }
          });
      server.start();
    }

    private synchronized void keep(SignedWebhook webhook) {
      received.putIfAbsent(webhook.eventId().value(), webhook);
      notifyAll();
    }

    URI url() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks");
    }

    /** The event with this id, once it arrived. */
    SignedWebhook await(String eventId) {
      return awaitFirst("event " + eventId, w -> w.eventId().value().equals(eventId));
    }

    /** The first event of {@code type} whose data matches, once it arrived. */
    SignedWebhook await(String type, Predicate<JsonNode> data) {
      return awaitFirst(
          "a " + type + " event",
          w -> {
            JsonNode event = read(w);
            return type.equals(event.path("type").asText()) && data.test(event.path("data"));
          });
    }

    private synchronized SignedWebhook awaitFirst(String what, Predicate<SignedWebhook> wanted) {
      long deadline = System.nanoTime() + WEBHOOK_WAIT.toNanos();
      while (true) {
        for (SignedWebhook webhook : received.values()) {
          if (wanted.test(webhook)) {
            return webhook;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("the sandbox sent no " + what + " within " + WEBHOOK_WAIT);
        }
        try {
          wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted waiting for " + what, e);
        }
      }
    }

    static JsonNode read(SignedWebhook webhook) {
      try {
        return JSON.readTree(webhook.body());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
