package dev.paykit.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox provider: a real HTTP server on a loopback port that speaks the reference provider
 * API ({@code docs/provider-api.md}), with a hosted checkout, signed webhooks, fault injection and
 * a ledger. Start it with {@link #start(SandboxConfig)}, close it when done.
 *
 * <pre>{@code
 * try (SandboxProvider sandbox = SandboxProvider.start(SandboxConfig.builder().build())) {
 *   URI base = sandbox.baseUri();
 *   ...
 * }
 * }</pre>
 */
public final class SandboxProvider implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SandboxProvider.class);

  private final SandboxConfig config;
  private final HttpServer server;
  private final ExecutorService httpExecutor;
  private final ScheduledExecutorService scheduler;
  private final ScheduledExecutorService webhookExecutor;
  private final URI baseUri;
  private final TokenStore tokens;
  private final IdempotencyStore idempotency;
  private final Ledger ledger = new Ledger();
  private final WebhookDispatcher webhooks;
  private final PaymentBook book;
  private final SandboxFaults faults;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SandboxProvider(SandboxConfig config) throws IOException {
    this.config = config;
    this.server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 128);
    String host = server.getAddress().getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    this.baseUri = URI.create("http://" + host + ":" + server.getAddress().getPort());
    this.httpExecutor = Executors.newCachedThreadPool(threads("http"));
    this.scheduler = Executors.newSingleThreadScheduledExecutor(threads("scheduler"));
    this.webhookExecutor = Executors.newSingleThreadScheduledExecutor(threads("webhooks"));
    Clock clock = config.clock();
    this.tokens =
        new TokenStore(config.clientId(), config.clientSecret(), clock, config.tokenTtl());
    this.idempotency = new IdempotencyStore(clock, config.idempotencyWindow());
    this.webhooks = new WebhookDispatcher(config, webhookExecutor);
    this.book =
        new PaymentBook(
            clock,
            ledger,
            webhooks,
            config.defaultPaymentExpiry(),
            config.refundSettlementDelay(),
            config.autoSettle(),
            scheduler,
            baseUri);
    Router router = new Router();
    this.faults =
        new SandboxFaults(
            router::isFaultableEndpoint,
            tokens::expireAll,
            webhooks::releaseAllHeld,
            new RandomFaults(config.faultRate(), config.faultSeed()));
    webhooks.useFaults(faults);
    router.useFaults(faults);
    new ApiHandlers(book, tokens, idempotency, faults, ledger, webhooks).registerOn(router);
    server.createContext("/", router);
    server.setExecutor(httpExecutor);
  }

  /** Starts a sandbox with the default configuration (random port and credentials). */
  public static SandboxProvider start() {
    return start(SandboxConfig.defaults());
  }

  /** Starts a sandbox; it listens when this returns. */
  public static SandboxProvider start(SandboxConfig config) {
    Objects.requireNonNull(config, "config");
    SandboxProvider provider;
    try {
      provider = new SandboxProvider(config);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the sandbox provider", e);
    }
    provider.server.start();
    long sweep = config.expirySweepInterval().toMillis();
    provider.scheduler.scheduleWithFixedDelay(provider::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
    LOG.info("Sandbox provider listening on {}", provider.baseUri);
    return provider;
  }

  private void sweep() {
    try {
      book.sweepExpired();
      tokens.purgeExpired();
      idempotency.purgeExpired();
    } catch (RuntimeException e) {
      LOG.error("Expiry sweep failed", e);
    }
  }

  /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
  public URI baseUri() {
    return baseUri;
  }

  public SandboxConfig config() {
    return config;
  }

  public String clientId() {
    return config.clientId();
  }

  public SandboxSecret clientSecret() {
    return config.clientSecret();
  }

  /**
   * The current webhook signing secret, {@code whsec_<base64>} (see {@link
   * SandboxSecret#reveal()}).
   */
  public SandboxSecret webhookSecret() {
    return webhooks.primarySecret();
  }

  /**
   * Starts a secret rotation: from now on every delivery carries two signatures, one with {@code
   * next} (which becomes {@link #webhookSecret()}) and one with the secret it replaces.
   */
  public void rotateWebhookSecret(SandboxSecret next) {
    webhooks.rotate(Objects.requireNonNull(next, "next"));
  }

  /** The secrets that sign deliveries now, the current one first. */
  public List<SandboxSecret> webhookSecrets() {
    return webhooks.secrets();
  }

  /**
   * Where webhooks go from now on; {@code null} to stop sending. Events that happen while no URL is
   * set are recorded ({@link WebhookDelivery.State#NO_ENDPOINT}) but never sent.
   */
  public void setWebhookUrl(URI webhookUrl) {
    webhooks.setUrl(webhookUrl);
  }

  public Optional<URI> webhookUrl() {
    return Optional.ofNullable(webhooks.url());
  }

  public Clock clock() {
    return config.clock();
  }

  /**
   * Moves a payment through {@code inprogress} to {@code outcome}, sending a webhook for each step,
   * like {@code POST /sandbox/payments/{tx}/simulate}.
   *
   * @param declineCode only with {@link SimulatedOutcome#DECLINED}: {@code insufficient_funds},
   *     {@code expired_card}, {@code invalid_cvv} or {@code do_not_honor} (the default if null)
   * @throws SandboxApiException 404 {@code not_found}, 409 {@code invalid_state} for a payment in a
   *     terminal state, 400 {@code invalid_request} for a bad decline code
   */
  public SandboxPayment simulate(
      String transactionId, SimulatedOutcome outcome, String declineCode) {
    return book.complete(transactionId, Objects.requireNonNull(outcome), declineCode);
  }

  /** {@link #simulate(String, SimulatedOutcome, String)} without a decline code. */
  public SandboxPayment simulate(String transactionId, SimulatedOutcome outcome) {
    return simulate(transactionId, outcome, null);
  }

  /**
   * Opens a dispute of a confirmed payment, like {@code POST /sandbox/payments/{tx}/dispute}, and
   * sends its webhook.
   *
   * @param reason {@code fraudulent}, {@code product_not_received}, {@code duplicate}, {@code
   *     subscription_canceled} or {@code other}
   * @param amount the disputed amount, or null for what is still held of the payment
   * @throws SandboxApiException 404 {@code not_found}, 400 {@code payment_not_disputable} for a
   *     payment that is not confirmed, 400 {@code invalid_amount} above what is held
   */
  public SandboxDispute openDispute(String transactionId, String reason, SandboxAmount amount) {
    if (!Requests.DISPUTE_REASONS.contains(reason)) {
      throw SandboxApiException.invalidRequest("unknown dispute reason", "reason");
    }
    return book.openDispute(transactionId, new Requests.OpenDispute(reason, amount));
  }

  /**
   * Decides a dispute that is still open, like {@code POST /sandbox/disputes/{id}/resolve}, and
   * sends its webhook.
   *
   * @param outcome {@link DisputeStatus#WON} or {@link DisputeStatus#LOST}
   * @throws SandboxApiException 404 {@code not_found}, 409 {@code invalid_state} for a decided one
   */
  public SandboxDispute resolveDispute(String disputeId, DisputeStatus outcome) {
    if (!Objects.requireNonNull(outcome, "outcome").isTerminal()) {
      throw SandboxApiException.invalidRequest("outcome must be won or lost", "outcome");
    }
    return book.resolveDispute(disputeId, outcome);
  }

  /** The dispute as the sandbox has it now. */
  public Optional<SandboxDispute> dispute(String disputeId) {
    try {
      return Optional.of(book.getDispute(disputeId));
    } catch (SandboxApiException notFound) {
      return Optional.empty();
    }
  }

  /** The customer's saved payment methods that were not removed, as the API lists them. */
  public List<SandboxPaymentMethod> paymentMethods(String customerId) {
    return book.paymentMethods(Objects.requireNonNull(customerId, "customerId"));
  }

  /**
   * Removes a saved method as its customer would, like {@code DELETE /v1/payment-methods/{id}}:
   * later off-session charges on it are declined with {@code payment_method_removed}.
   *
   * @throws SandboxApiException 404 {@code not_found} for a method the sandbox never saved
   */
  public void removePaymentMethod(String paymentMethodId) {
    book.removePaymentMethod(paymentMethodId);
  }

  /**
   * Decides the next {@code times} off-session charges on a method, like {@code POST
   * /sandbox/payment-methods/{id}/next-outcome}; queued outcomes are used in order.
   *
   * @param declineCode null to confirm them, else one of the off-session decline codes
   */
  public void nextOffSessionOutcome(String paymentMethodId, String declineCode, int times) {
    if (times < 1 || times > 100) {
      throw SandboxApiException.invalidRequest("times must be 1 to 100", "times");
    }
    if (declineCode != null && !Requests.OFF_SESSION_DECLINE_CODES.contains(declineCode)) {
      throw SandboxApiException.invalidRequest("unknown decline code", "declineCode");
    }
    book.queueNextOutcome(
        paymentMethodId, new Requests.NextOutcome(declineCode == null, declineCode, times));
  }

  /** Fault injection. */
  public SandboxFaults faults() {
    return faults;
  }

  /** What was created, confirmed and refunded, per idempotency key and in total. */
  public LedgerSnapshot ledger() {
    return ledger.snapshot();
  }

  /** Invalidates every access token issued so far. */
  public void expireAllTokens() {
    tokens.expireAll();
    LOG.info("Every access token expired");
  }

  /** The payment, expired first if its time has passed (which sends its webhook). */
  public Optional<SandboxPayment> payment(String transactionId) {
    return book.find(transactionId);
  }

  /** Every payment, oldest first, as it stands (no expiry check). */
  public List<SandboxPayment> payments() {
    return book.all();
  }

  /** The refunds of a payment, oldest first (none for a payment the sandbox does not have). */
  public List<SandboxRefund> refunds(String transactionId) {
    return book.refundsOf(transactionId);
  }

  /** The disputes of a payment, oldest first (none for a payment the sandbox does not have). */
  public List<SandboxDispute> disputes(String transactionId) {
    return book.disputesOf(transactionId);
  }

  public Optional<SandboxRefund> refund(String refundId) {
    return book.findRefund(refundId);
  }

  /** Every webhook event and its delivery attempts, oldest event first. */
  public List<WebhookDelivery> webhookDeliveries() {
    return webhooks.deliveries();
  }

  /** The delivery record of one event. */
  public Optional<WebhookDelivery> webhookDelivery(String eventId) {
    return webhooks.deliveries().stream().filter(d -> d.eventId().equals(eventId)).findFirst();
  }

  /** Idempotency keys whose first request is being processed right now (a 409 for others). */
  public Set<String> idempotencyKeysInFlight() {
    return idempotency.inFlightKeys();
  }

  /** Stops the server at once; pending webhooks and held responses are dropped. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.stop(0);
    scheduler.shutdownNow();
    webhookExecutor.shutdownNow();
    httpExecutor.shutdownNow();
    LOG.info("Sandbox provider on {} stopped", baseUri);
  }

  @Override
  public String toString() {
    return "SandboxProvider[" + baseUri + "]";
  }

  private static ThreadFactory threads(String role) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread =
          new Thread(runnable, "paykit-sandbox-" + role + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
