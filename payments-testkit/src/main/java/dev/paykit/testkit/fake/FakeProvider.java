package dev.paykit.testkit.fake;

import dev.paykit.domain.dispute.DisputeId;
import dev.paykit.domain.dispute.DisputeReason;
import dev.paykit.domain.dispute.DisputeState;
import dev.paykit.domain.dispute.Evidence;
import dev.paykit.domain.dispute.ProviderDispute;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.idempotency.RequestFingerprint;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.Charging;
import dev.paykit.domain.payment.DeclineCode;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Failure;
import dev.paykit.domain.payment.FailureReason;
import dev.paykit.domain.payment.PaymentMethodId;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.payment.ReturnUrls;
import dev.paykit.domain.payment.SavedPaymentMethod;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.domain.refund.ProviderRefund;
import dev.paykit.domain.refund.RefundState;
import dev.paykit.domain.webhook.EventId;
import dev.paykit.domain.webhook.WebhookEvent;
import dev.paykit.port.out.ProviderFacts;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.ProviderPaymentPage;
import dev.paykit.port.out.ProviderResult;
import dev.paykit.port.out.Secret;
import dev.paykit.port.out.WebhookParser;
import dev.paykit.port.out.WebhookVerifier;
import dev.paykit.port.shared.ProviderError;
import dev.paykit.testkit.FlowProvider;
import dev.paykit.testkit.ProviderFaults;
import dev.paykit.testkit.ProviderFaults.Call;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * An in-process payment provider that behaves like the reference API, for service tests. Its {@link
 * #gateway()} is idempotent per key (the same key and request replays the first answer with {@code
 * replayed = true}; the same key with another request is {@code IDEMPOTENCY_KEY_REUSE}), refunds
 * only confirmed payments and never beyond their amount (a disputed amount counts as returned until
 * the dispute is won), takes a dispute's evidence once per key until its deadline, and answers
 * faults queued with {@link #failNext}. Payments and refunds change only when a test says so
 * ({@link #move}, {@link #settleRefund}), and every such change produces the signed webhook the
 * provider would send. Thread-safe.
 *
 * <p>Two kinds of fault: {@link #failNext} decides the result of a whole call, for service tests
 * that need a given result; {@link #faults()} arms faults of single attempts, for {@link
 * dev.paykit.testkit.ProviderGatewayContract}. Against those the fake's gateway behaves as a
 * gateway should: it makes up to {@value #MAX_ATTEMPTS} attempts with the caller's key, waits a
 * {@code Retry-After} before the next, and answers {@code Unknown} when an attempt may have acted
 * and no later one answered, {@code Unavailable} when none acted.
 *
 * <p>As the {@link FlowProvider} of the flow contracts it has every capability: each action is one
 * {@link #move} (or settlement, dispute change), and each fault of the next call one {@link
 * #failNext}.
 */
public final class FakeProvider implements FlowProvider {

  /** The gateway operations faults can be queued for. */
  public enum Operation {
    CREATE_PAYMENT,
    GET_PAYMENT,
    FIND_PAYMENTS,
    CREATE_REFUND,
    GET_REFUND,
    GET_DISPUTE,
    SUBMIT_EVIDENCE
  }

  /** How one call goes wrong. */
  public static final class Fault {
    private enum Kind {
      TIMEOUT_AFTER_ACTING,
      TIMEOUT_BEFORE_ACTING,
      UNAVAILABLE,
      REJECT
    }

    private final Kind kind;
    private final ProviderError error;

    private Fault(Kind kind, ProviderError error) {
      this.kind = kind;
      this.error = error;
    }

    /** The provider acts (creates, refunds), but the answer is lost: {@code Unknown}. */
    public static Fault timeoutAfterActing() {
      return new Fault(Kind.TIMEOUT_AFTER_ACTING, null);
    }

    /** The call times out before the provider acts: {@code Unknown}, nothing happened. */
    public static Fault timeoutBeforeActing() {
      return new Fault(Kind.TIMEOUT_BEFORE_ACTING, null);
    }

    /** The provider cannot be reached: {@code Unavailable}, nothing happened. */
    public static Fault unavailable() {
      return new Fault(Kind.UNAVAILABLE, null);
    }

    /** The provider refuses with {@code error}, without acting. */
    public static Fault reject(ProviderError error) {
      return new Fault(Kind.REJECT, Objects.requireNonNull(error, "error"));
    }

    @Override
    public String toString() {
      return error == null ? kind.toString() : kind + "(" + error.code() + ")";
    }
  }

  private static final URI CHECKOUT = URI.create("https://fake-provider.test/checkout/");

  /**
   * What the fake's gateway declares: the reference API's key memory, so that the core's paths past
   * it run against the fake as against that API. The fake itself never forgets a key.
   */
  public static final ProviderFacts FACTS = new ProviderFacts(Duration.ofHours(23));

  /** The attempts the fake's gateway makes of one call when single attempts fail. */
  public static final int MAX_ATTEMPTS = 3;

  /** A scripted off-session outcome that confirms (a queue holds no nulls). */
  private static final DeclineCode NO_DECLINE = new DeclineCode("none");

  private final Clock clock;
  private final byte[] webhookKey = new byte[32];
  private final Object lock = new Object();
  private final Map<Operation, Deque<Fault>> faults = new EnumMap<>(Operation.class);
  private final AttemptFaults attemptFaults = new AttemptFaults(lock);
  private final Map<TransactionId, StoredPayment> payments = new LinkedHashMap<>();
  private final Map<IdempotencyKey, Answer<ProviderPayment>> paymentKeys = new HashMap<>();
  private final Map<TransactionId, ReturnUrls> returnUrls = new HashMap<>();
  private final Map<TransactionId, Charging> chargings = new HashMap<>();
  private final Map<PaymentMethodId, Deque<DeclineCode>> nextOffSession = new HashMap<>();
  private final Set<PaymentMethodId> removedMethods = new HashSet<>();
  private final Map<String, StoredRefund> refunds = new LinkedHashMap<>();
  private final Map<IdempotencyKey, Answer<ProviderRefund>> refundKeys = new HashMap<>();
  private final Map<DisputeId, ProviderDispute> disputes = new LinkedHashMap<>();
  private final Map<IdempotencyKey, Answer<ProviderDispute>> evidenceKeys = new HashMap<>();
  private final Map<DisputeId, Integer> evidenceReceived = new HashMap<>();
  private final List<SignedWebhook> sent = new ArrayList<>();
  private final ProviderGateway gateway = new Gateway();
  private final ProviderLedger ledger = new Ledger();
  private int createCalls;
  private long lastSequence;

  /** A payment and the order it was created in, which is what "newest first" lists by. */
  private record StoredPayment(long sequence, IdempotencyKey key, ProviderPayment payment) {}

  private record StoredRefund(IdempotencyKey key, ProviderRefund refund) {}

  /** The first answer to a key, replayed to every later request with the same fingerprint. */
  private record Answer<T>(RequestFingerprint fingerprint, T response) {}

  /** A provider whose timestamps come from {@code clock}; its webhook secret is random. */
  public FakeProvider(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    new SecureRandom().nextBytes(webhookKey);
    for (Operation operation : Operation.values()) {
      faults.put(operation, new ArrayDeque<>());
    }
  }

  public ProviderGateway gateway() {
    return gateway;
  }

  /** What the fake did; also the {@link dev.paykit.testkit.ProviderCharges} of the contract. */
  public ProviderLedger ledger() {
    return ledger;
  }

  /**
   * Faults of single attempts of {@code createPayment} and {@code createRefund}, which the fake's
   * gateway retries as a gateway should: the fault hooks of {@link
   * dev.paykit.testkit.ProviderGatewayContract}.
   */
  public ProviderFaults faults() {
    return attemptFaults;
  }

  /** Queues {@code fault} for the next call of {@code operation}; faults are used in order. */
  public void failNext(Operation operation, Fault fault) {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(fault, "fault");
    synchronized (lock) {
      faults.get(operation).add(fault);
    }
  }

  /**
   * Moves a payment to {@code status} as the customer or issuer would, and returns the webhook the
   * provider sends for it (also kept in {@link #sentWebhooks()}). Any move is allowed, also out of
   * a terminal status, so that tests can script a provider that contradicts itself.
   *
   * @param failure why it was declined (a decline's reason and code; null is a decline with no
   *     reason given) or cancelled (may be null); only with {@code DECLINED} or {@code CANCELLED}
   * @throws IllegalArgumentException if the payment is unknown, a failure comes with another
   *     status, or a decline is said to be a cancellation
   */
  public SignedWebhook move(TransactionId transactionId, ProviderStatus status, Failure failure) {
    Objects.requireNonNull(status, "status");
    boolean ended = status == ProviderStatus.DECLINED || status == ProviderStatus.CANCELLED;
    if (failure != null && !ended) {
      throw new IllegalArgumentException(
          "the provider sends a failure only with declined or cancelled");
    }
    if (status == ProviderStatus.CANCELLED && failure != null && failure.reason().isDecline()) {
      throw new IllegalArgumentException("a decline is DECLINED, not CANCELLED");
    }
    synchronized (lock) {
      StoredPayment stored = payments.get(transactionId);
      if (stored == null) {
        throw new IllegalArgumentException("no payment " + transactionId);
      }
      Instant now = clock.instant();
      ProviderPayment was = stored.payment();
      ProviderPayment moved =
          new ProviderPayment(
              was.transactionId(),
              status,
              was.amount(),
              was.externalId(),
              was.metadata(),
              was.checkoutUrl(),
              failure,
              was.createdAt(),
              now,
              was.expiresAt(),
              methodAfter(transactionId, was, status, now));
      payments.put(transactionId, new StoredPayment(stored.sequence(), stored.key(), moved));
      return send(new WebhookEvent.PaymentStatusChanged(newEventId(), now, moved));
    }
  }

  /** A checkout that saves its method gets one when it is confirmed; other payments keep theirs. */
  private SavedPaymentMethod methodAfter(
      TransactionId tx, ProviderPayment was, ProviderStatus status, Instant now) {
    if (was.paymentMethod() != null
        || status != ProviderStatus.CONFIRMED
        || !(chargings.get(tx) instanceof Charging.CheckoutSavingMethod)) {
      return was.paymentMethod();
    }
    return ProviderPayments.savedMethod(new PaymentMethodId("pm_" + randomHex()), now);
  }

  /**
   * Decides the next off-session charges of {@code method}, in order: a decline code each, or null
   * to confirm. Without a script, the amount's last two digits decide as in the sandbox.
   */
  public void scriptOffSession(PaymentMethodId method, DeclineCode... outcomes) {
    synchronized (lock) {
      Deque<DeclineCode> queue = nextOffSession.computeIfAbsent(method, m -> new ArrayDeque<>());
      for (DeclineCode outcome : outcomes) {
        queue.addLast(outcome == null ? NO_DECLINE : outcome);
      }
    }
  }

  /** The customer removed {@code method}: its off-session charges are declined from now on. */
  public void removeMethod(PaymentMethodId method) {
    synchronized (lock) {
      removedMethods.add(method);
    }
  }

  /**
   * Settles a refund as {@code PENDING}, {@code SUCCEEDED} or {@code FAILED} and returns the
   * webhook the provider sends for it. A failed refund no longer counts against the payment's
   * amount.
   *
   * @throws IllegalArgumentException if the refund is unknown or the state is {@code REQUESTED}
   */
  public SignedWebhook settleRefund(String providerRefundId, RefundState state) {
    Objects.requireNonNull(state, "state");
    synchronized (lock) {
      StoredRefund stored = refunds.get(providerRefundId);
      if (stored == null) {
        throw new IllegalArgumentException("no refund " + providerRefundId);
      }
      ProviderRefund was = stored.refund();
      ProviderRefund settled =
          new ProviderRefund(
              was.refundId(), was.transactionId(), state, was.amount(), was.createdAt());
      refunds.put(providerRefundId, new StoredRefund(stored.key(), settled));
      return send(new WebhookEvent.RefundStatusChanged(newEventId(), clock.instant(), settled));
    }
  }

  /**
   * Opens a dispute of a confirmed payment as the cardholder's bank would, {@code needs_response}
   * with its evidence due 7 days from now, and returns the webhook the provider sends for it.
   *
   * @throws IllegalArgumentException if the payment is unknown or not confirmed
   */
  public SignedWebhook openDispute(
      TransactionId transactionId, Money amount, DisputeReason reason) {
    synchronized (lock) {
      StoredPayment stored = payments.get(transactionId);
      if (stored == null || stored.payment().status() != ProviderStatus.CONFIRMED) {
        throw new IllegalArgumentException("no confirmed payment " + transactionId);
      }
      Instant now = clock.instant();
      ProviderDispute dispute =
          new ProviderDispute(
              new DisputeId("dp_" + randomHex()),
              transactionId,
              amount,
              reason,
              DisputeState.NEEDS_RESPONSE,
              now.plus(Duration.ofDays(7)),
              now,
              now);
      disputes.put(dispute.disputeId(), dispute);
      return send(new WebhookEvent.DisputeStatusChanged(newEventId(), now, dispute));
    }
  }

  /**
   * Moves a dispute to {@code status} and returns the webhook the provider sends for it. Any move
   * is allowed, also out of a terminal status, so that tests can script a provider that contradicts
   * itself.
   *
   * @throws IllegalArgumentException if the dispute is unknown
   */
  public SignedWebhook moveDispute(DisputeId disputeId, DisputeState status) {
    synchronized (lock) {
      ProviderDispute was = disputes.get(disputeId);
      if (was == null) {
        throw new IllegalArgumentException("no dispute " + disputeId);
      }
      ProviderDispute moved = withStatus(was, status);
      disputes.put(disputeId, moved);
      return send(new WebhookEvent.DisputeStatusChanged(newEventId(), clock.instant(), moved));
    }
  }

  /** The disputes of a payment as the provider has them now, oldest first. */
  public List<ProviderDispute> disputesOf(TransactionId transactionId) {
    synchronized (lock) {
      return disputes.values().stream()
          .filter(d -> d.transactionId().equals(transactionId))
          .toList();
    }
  }

  /** The dispute as the provider has it now. */
  public Optional<ProviderDispute> dispute(DisputeId disputeId) {
    synchronized (lock) {
      return Optional.ofNullable(disputes.get(disputeId));
    }
  }

  /** How many times the provider took evidence for the dispute: never more than once a key. */
  public int evidenceReceived(DisputeId disputeId) {
    synchronized (lock) {
      return evidenceReceived.getOrDefault(disputeId, 0);
    }
  }

  private ProviderDispute withStatus(ProviderDispute was, DisputeState status) {
    return new ProviderDispute(
        was.disputeId(),
        was.transactionId(),
        was.amount(),
        was.reason(),
        status,
        was.evidenceDueBy(),
        was.createdAt(),
        clock.instant());
  }

  /** Every webhook sent so far, oldest first. */
  public List<SignedWebhook> sentWebhooks() {
    synchronized (lock) {
      return List.copyOf(sent);
    }
  }

  /** The payment as the provider has it now. */
  public Optional<ProviderPayment> payment(TransactionId transactionId) {
    synchronized (lock) {
      return Optional.ofNullable(payments.get(transactionId)).map(StoredPayment::payment);
    }
  }

  /**
   * The return URLs the payment was created with: where its checkout sends the customer back, as
   * the provider was sent them.
   */
  public Optional<ReturnUrls> returnUrls(TransactionId transactionId) {
    synchronized (lock) {
      return Optional.ofNullable(returnUrls.get(transactionId));
    }
  }

  /** Every payment, in the order they were created. */
  public List<ProviderPayment> payments() {
    synchronized (lock) {
      return payments.values().stream().map(StoredPayment::payment).toList();
    }
  }

  /** The refund as the provider has it now. */
  public Optional<ProviderRefund> refund(String providerRefundId) {
    synchronized (lock) {
      return Optional.ofNullable(refunds.get(providerRefundId)).map(StoredRefund::refund);
    }
  }

  /** Checks this provider's webhook signatures, allowing five minutes of clock difference. */
  public WebhookVerifier webhookVerifier(Clock clock) {
    return new FakeWebhookVerifier(webhookKey, clock);
  }

  public WebhookParser webhookParser() {
    return new FakeWebhookFormat();
  }

  /**
   * The webhook secret in the reference API's form ({@code whsec_<base64 key>}), for a verifier of
   * the Standard Webhooks scheme other than {@link #webhookVerifier}.
   */
  public Secret webhookSecret() {
    return Secret.of("whsec_" + Base64.getEncoder().encodeToString(webhookKey));
  }

  // --- the provider of the flow contracts ------------------------------------------------------

  /** The fake can be made to do anything a test scripts. */
  @Override
  public Set<Capability> capabilities() {
    return EnumSet.allOf(Capability.class);
  }

  @Override
  public SignedWebhook inProgress(TransactionId transactionId) {
    return move(transactionId, ProviderStatus.IN_PROGRESS, null);
  }

  /** Straight to {@code confirmed}: the fake sends no {@code inprogress} webhook on the way. */
  @Override
  public SignedWebhook confirm(TransactionId transactionId) {
    return move(transactionId, ProviderStatus.CONFIRMED, null);
  }

  @Override
  public SignedWebhook decline(TransactionId transactionId, DeclineCode code) {
    return move(transactionId, ProviderStatus.DECLINED, Failure.declined(code));
  }

  @Override
  public SignedWebhook cancel(TransactionId transactionId) {
    return move(
        transactionId, ProviderStatus.CANCELLED, Failure.of(FailureReason.CUSTOMER_CANCELLED));
  }

  @Override
  public SignedWebhook expire(TransactionId transactionId) {
    return move(transactionId, ProviderStatus.EXPIRED, null);
  }

  @Override
  public SignedWebhook refundSucceeded(String providerRefundId) {
    return settleRefund(providerRefundId, RefundState.SUCCEEDED);
  }

  @Override
  public SignedWebhook forged(SignedWebhook genuine) {
    return genuine.forged();
  }

  @Override
  public SignedWebhook tampered(SignedWebhook genuine) {
    return genuine.tamperedBody();
  }

  @Override
  public List<TransactionId> transactionsFor(ExternalId order) {
    synchronized (lock) {
      return payments.values().stream()
          .map(StoredPayment::payment)
          .filter(p -> p.externalId().equals(order))
          .map(ProviderPayment::transactionId)
          .toList();
    }
  }

  @Override
  public void answerLostAfterActing(Request request) {
    failNext(operation(request), Fault.timeoutAfterActing());
  }

  @Override
  public void lostBeforeActing(Request request) {
    failNext(operation(request), Fault.timeoutBeforeActing());
  }

  @Override
  public void unavailable(Request request) {
    failNext(operation(request), Fault.unavailable());
  }

  @Override
  public void refuse(Request request, ProviderError error) {
    failNext(operation(request), Fault.reject(error));
  }

  private static Operation operation(Request request) {
    return switch (request) {
      case CREATE_PAYMENT -> Operation.CREATE_PAYMENT;
      case CREATE_REFUND -> Operation.CREATE_REFUND;
      case SUBMIT_EVIDENCE -> Operation.SUBMIT_EVIDENCE;
    };
  }

  private <T> ProviderResult<T> call(Operation operation, Supplier<ProviderResult<T>> act) {
    synchronized (lock) {
      Fault fault = faults.get(operation).poll();
      if (fault == null) {
        return act.get();
      }
      return switch (fault.kind) {
        case TIMEOUT_AFTER_ACTING -> {
          act.get();
          yield new ProviderResult.Unknown<>("timed out after the provider acted (simulated)");
        }
        case TIMEOUT_BEFORE_ACTING ->
            new ProviderResult.Unknown<>("timed out before the provider acted (simulated)");
        case UNAVAILABLE -> new ProviderResult.Unavailable<>("provider unavailable (simulated)");
        case REJECT -> new ProviderResult.Rejected<>(fault.error, newRequestId());
      };
    }
  }

  /**
   * A call that moves money: a fault queued with {@link #failNext} decides it as before; otherwise
   * each attempt meets the next armed attempt fault, if any, and the gateway retries as a real one
   * would. Waits ({@code Retry-After}) happen outside the lock.
   */
  private <T> ProviderResult<T> moneyCall(
      Operation operation, Call call, IdempotencyKey key, Supplier<ProviderResult<T>> act) {
    synchronized (lock) {
      if (!faults.get(operation).isEmpty()) {
        return call(operation, act);
      }
    }
    boolean mayHaveActed = false;
    String last = null;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      AttemptFaults.Armed fault;
      synchronized (lock) {
        fault = attemptFaults.attempt(call, key);
        if (fault == null) {
          return act.get();
        }
        if (fault.acts()) {
          act.get();
          mayHaveActed = true;
        }
      }
      last = fault.what();
      if (fault.retryAfter() != null && attempt < MAX_ATTEMPTS && !pause(fault.retryAfter())) {
        break;
      }
    }
    return mayHaveActed
        ? new ProviderResult.Unknown<>(last + " (simulated); an earlier attempt acted")
        : new ProviderResult.Unavailable<>(last + " (simulated); no attempt acted");
  }

  private static boolean pause(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private ProviderResult<ProviderPayment> create(PaymentRequest request, IdempotencyKey key) {
    RequestFingerprint fingerprint = request.fingerprint();
    Answer<ProviderPayment> earlier = paymentKeys.get(key);
    if (earlier != null) {
      return replay(earlier, fingerprint);
    }
    TransactionId tx = new TransactionId("tx_" + randomHex());
    ProviderPayment payment =
        request.charging() instanceof Charging.OffSession off
            ? ProviderPayments.offSession(
                tx, request, off, clock.instant(), offSessionOutcome(off.method(), request))
            : ProviderPayments.started(tx, request, CHECKOUT, clock.instant());
    chargings.put(tx, request.charging());
    payments.put(tx, new StoredPayment(++lastSequence, key, payment));
    returnUrls.put(tx, request.returnUrls());
    paymentKeys.put(key, new Answer<>(fingerprint, payment));
    return new ProviderResult.Success<>(payment, newRequestId(), false);
  }

  private DeclineCode offSessionOutcome(PaymentMethodId method, PaymentRequest request) {
    if (removedMethods.contains(method)) {
      return DeclineCode.PAYMENT_METHOD_REMOVED;
    }
    Deque<DeclineCode> queue = nextOffSession.get(method);
    DeclineCode scripted = queue == null ? null : queue.pollFirst();
    if (scripted != null) {
      return scripted == NO_DECLINE ? null : scripted;
    }
    return ProviderPayments.offSessionDecline(request);
  }

  private ProviderResult<ProviderPayment> lookUp(TransactionId transactionId) {
    StoredPayment stored = payments.get(transactionId);
    if (stored == null) {
      return rejected(ProviderError.Kind.NOT_FOUND, "not_found", "no such payment", null);
    }
    return new ProviderResult.Success<>(stored.payment(), newRequestId(), false);
  }

  private ProviderResult<ProviderPaymentPage> find(
      ExternalId externalId, String cursor, int limit) {
    if (limit < 1 || limit > 100) {
      return rejected(
          ProviderError.Kind.VALIDATION, "invalid_request", "limit must be 1 to 100", "limit");
    }
    long before;
    try {
      before = cursor == null ? Long.MAX_VALUE : Long.parseLong(cursor);
    } catch (NumberFormatException e) {
      return rejected(ProviderError.Kind.VALIDATION, "invalid_request", "unknown cursor", "cursor");
    }
    List<StoredPayment> newestFirst =
        payments.values().stream()
            .filter(p -> p.payment().externalId().equals(externalId) && p.sequence() < before)
            .sorted(Comparator.comparingLong(StoredPayment::sequence).reversed())
            .toList();
    List<StoredPayment> page = newestFirst.subList(0, Math.min(limit, newestFirst.size()));
    String next =
        newestFirst.size() > limit ? Long.toString(page.get(page.size() - 1).sequence()) : null;
    return new ProviderResult.Success<>(
        new ProviderPaymentPage(page.stream().map(StoredPayment::payment).toList(), next),
        newRequestId(),
        false);
  }

  private ProviderResult<ProviderRefund> refund(
      TransactionId transactionId, Money amount, String reason, IdempotencyKey key) {
    Map<String, String> fields = new HashMap<>();
    fields.put("transactionId", transactionId.value());
    fields.put("amount.value", Long.toString(amount.minorUnits()));
    fields.put("amount.currency", amount.currencyCode());
    fields.put("reason", reason);
    RequestFingerprint fingerprint = RequestFingerprint.of(fields);
    Answer<ProviderRefund> earlier = refundKeys.get(key);
    if (earlier != null) {
      return replay(earlier, fingerprint);
    }
    StoredPayment stored = payments.get(transactionId);
    if (stored == null) {
      return rejected(ProviderError.Kind.NOT_FOUND, "not_found", "no such payment", null);
    }
    Money paid = stored.payment().amount();
    if (stored.payment().status() != ProviderStatus.CONFIRMED) {
      return rejected(
          ProviderError.Kind.NOT_REFUNDABLE,
          "payment_not_refundable",
          "only a confirmed payment can be refunded",
          null);
    }
    if (!amount.currency().equals(paid.currency())) {
      return rejected(
          ProviderError.Kind.VALIDATION,
          "invalid_currency",
          "the refund must be in the payment's currency",
          "amount.currency");
    }
    if (amount.isZero()) {
      return rejected(
          ProviderError.Kind.VALIDATION,
          "invalid_amount",
          "a refund must be more than zero",
          "amount.value");
    }
    // A disputed amount was taken back already, unless the dispute was won.
    if (refunded(transactionId) + disputed(transactionId) + amount.minorUnits()
        > paid.minorUnits()) {
      return rejected(
          ProviderError.Kind.REFUND_EXCEEDS_PAYMENT,
          "refund_exceeds_payment",
          "the refunds would exceed the payment",
          "amount.value");
    }
    ProviderRefund refund =
        new ProviderRefund(
            "rf_" + randomHex(), transactionId, RefundState.PENDING, amount, clock.instant());
    refunds.put(refund.refundId(), new StoredRefund(key, refund));
    refundKeys.put(key, new Answer<>(fingerprint, refund));
    return new ProviderResult.Success<>(refund, newRequestId(), false);
  }

  private ProviderResult<ProviderRefund> refundById(String providerRefundId) {
    StoredRefund stored = refunds.get(providerRefundId);
    if (stored == null) {
      return rejected(ProviderError.Kind.NOT_FOUND, "not_found", "no such refund", null);
    }
    return new ProviderResult.Success<>(stored.refund(), newRequestId(), false);
  }

  private ProviderResult<ProviderDispute> disputeById(DisputeId disputeId) {
    ProviderDispute dispute = disputes.get(disputeId);
    if (dispute == null) {
      return rejected(ProviderError.Kind.NOT_FOUND, "not_found", "no such dispute", null);
    }
    return new ProviderResult.Success<>(dispute, newRequestId(), false);
  }

  private ProviderResult<ProviderDispute> evidence(
      DisputeId disputeId, Evidence evidence, IdempotencyKey key) {
    Map<String, String> fields = new HashMap<>(evidence.fingerprintFields());
    fields.put("disputeId", disputeId.value());
    RequestFingerprint fingerprint = RequestFingerprint.of(fields);
    Answer<ProviderDispute> earlier = evidenceKeys.get(key);
    if (earlier != null) {
      return replay(earlier, fingerprint);
    }
    ProviderDispute dispute = disputes.get(disputeId);
    if (dispute == null) {
      return rejected(ProviderError.Kind.NOT_FOUND, "not_found", "no such dispute", null);
    }
    if (clock.instant().isAfter(dispute.evidenceDueBy())) {
      return rejected(
          ProviderError.Kind.EVIDENCE_DEADLINE_PASSED,
          "evidence_deadline_passed",
          "the evidence was due by " + dispute.evidenceDueBy(),
          null);
    }
    if (dispute.status() != DisputeState.NEEDS_RESPONSE) {
      return rejected(
          ProviderError.Kind.OTHER,
          "dispute_not_accepting_evidence",
          "the dispute takes no more evidence",
          null);
    }
    ProviderDispute reviewed = withStatus(dispute, DisputeState.UNDER_REVIEW);
    disputes.put(disputeId, reviewed);
    evidenceReceived.merge(disputeId, 1, Integer::sum);
    evidenceKeys.put(key, new Answer<>(fingerprint, reviewed));
    send(new WebhookEvent.DisputeStatusChanged(newEventId(), clock.instant(), reviewed));
    return new ProviderResult.Success<>(reviewed, newRequestId(), false);
  }

  private <T> ProviderResult<T> replay(Answer<T> earlier, RequestFingerprint fingerprint) {
    if (!earlier.fingerprint().equals(fingerprint)) {
      return rejected(
          ProviderError.Kind.IDEMPOTENCY_KEY_REUSE,
          "idempotency_key_reuse",
          "the key was used with a different request",
          null);
    }
    return new ProviderResult.Success<>(earlier.response(), newRequestId(), true);
  }

  private long refunded(TransactionId transactionId) {
    return refunds.values().stream()
        .map(StoredRefund::refund)
        .filter(r -> r.transactionId().equals(transactionId) && r.status() != RefundState.FAILED)
        .mapToLong(r -> r.amount().minorUnits())
        .sum();
  }

  private long disputed(TransactionId transactionId) {
    return disputes.values().stream()
        .filter(d -> d.transactionId().equals(transactionId) && d.status() != DisputeState.WON)
        .mapToLong(d -> d.amount().minorUnits())
        .sum();
  }

  private <T> ProviderResult<T> rejected(
      ProviderError.Kind kind, String code, String message, String param) {
    return new ProviderResult.Rejected<>(
        new ProviderError(kind, code, message, param, null), newRequestId());
  }

  private SignedWebhook send(WebhookEvent event) {
    byte[] body = FakeWebhookFormat.encode(event);
    SignedWebhook webhook =
        new SignedWebhook(
            event.id(),
            body,
            FakeWebhookSignature.headers(
                webhookKey, event.id().value(), event.createdAt().getEpochSecond(), body));
    sent.add(webhook);
    return webhook;
  }

  private static EventId newEventId() {
    return new EventId("evt_" + randomHex());
  }

  private static String newRequestId() {
    return "req_" + randomHex();
  }

  private static String randomHex() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  private final class Gateway implements ProviderGateway {
    @Override
    public ProviderFacts facts() {
      return FACTS;
    }

    @Override
    public ProviderResult<ProviderPayment> createPayment(
        PaymentRequest request, IdempotencyKey key) {
      synchronized (lock) {
        createCalls++;
      }
      return moneyCall(
          Operation.CREATE_PAYMENT, Call.CREATE_PAYMENT, key, () -> create(request, key));
    }

    @Override
    public ProviderResult<ProviderPayment> getPayment(TransactionId transactionId) {
      return call(Operation.GET_PAYMENT, () -> lookUp(transactionId));
    }

    @Override
    public ProviderResult<ProviderPaymentPage> findPayments(
        ExternalId externalId, String cursor, int limit) {
      return call(Operation.FIND_PAYMENTS, () -> find(externalId, cursor, limit));
    }

    @Override
    public ProviderResult<ProviderRefund> createRefund(
        TransactionId transactionId, Money amount, String reason, IdempotencyKey key) {
      return moneyCall(
          Operation.CREATE_REFUND,
          Call.CREATE_REFUND,
          key,
          () -> refund(transactionId, amount, reason, key));
    }

    @Override
    public ProviderResult<ProviderRefund> getRefund(String providerRefundId) {
      return call(Operation.GET_REFUND, () -> refundById(providerRefundId));
    }

    @Override
    public ProviderResult<ProviderDispute> getDispute(DisputeId disputeId) {
      return call(Operation.GET_DISPUTE, () -> disputeById(disputeId));
    }

    @Override
    public ProviderResult<ProviderDispute> submitEvidence(
        DisputeId disputeId, Evidence evidence, IdempotencyKey key) {
      return call(Operation.SUBMIT_EVIDENCE, () -> evidence(disputeId, evidence, key));
    }
  }

  private final class Ledger implements ProviderLedger {
    @Override
    public int paymentsCreated(IdempotencyKey key) {
      synchronized (lock) {
        return (int) payments.values().stream().filter(p -> p.key().equals(key)).count();
      }
    }

    @Override
    public int totalPaymentsCreated() {
      synchronized (lock) {
        return payments.size();
      }
    }

    @Override
    public int refundsCreated(IdempotencyKey key) {
      synchronized (lock) {
        return (int) refunds.values().stream().filter(r -> r.key().equals(key)).count();
      }
    }

    @Override
    public long refundedMinorUnits(TransactionId transactionId) {
      synchronized (lock) {
        return refunded(transactionId);
      }
    }

    @Override
    public int paymentsCreated(ExternalId order) {
      synchronized (lock) {
        return (int)
            payments.values().stream().filter(p -> p.payment().externalId().equals(order)).count();
      }
    }

    @Override
    public int refundsCreated(TransactionId payment) {
      synchronized (lock) {
        return (int)
            refunds.values().stream()
                .filter(r -> r.refund().transactionId().equals(payment))
                .count();
      }
    }

    @Override
    public int createCalls() {
      synchronized (lock) {
        return createCalls;
      }
    }
  }
}
