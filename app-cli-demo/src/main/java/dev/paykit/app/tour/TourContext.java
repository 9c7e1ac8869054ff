package dev.paykit.app.tour;

import dev.paykit.app.DemoRuntime;
import dev.paykit.app.shop.ShopOrders;
import dev.paykit.domain.dispute.Dispute;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.outbox.OutboxEvent;
import dev.paykit.domain.outbox.OutboxEventId;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Metadata;
import dev.paykit.domain.payment.Outcome;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.PaymentLifecycle;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ProviderName;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.ReturnUrls;
import dev.paykit.domain.payment.TransitionSource;
import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.in.CreatePayment;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.in.CreatePaymentResult;
import dev.paykit.port.in.DispatchOutbox;
import dev.paykit.port.in.Disputes;
import dev.paykit.port.in.ProcessInbox;
import dev.paykit.port.in.Reconcile;
import dev.paykit.port.in.RefundPayment;
import dev.paykit.port.in.RemindEvidenceDue;
import dev.paykit.port.in.RunSubscriptions;
import dev.paykit.port.in.SubmitEvidence;
import dev.paykit.port.in.Subscriptions;
import dev.paykit.port.in.VerifyPayment;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.ProviderGateways;
import dev.paykit.port.out.ProviderPaymentPage;
import dev.paykit.port.out.ProviderResult;
import dev.paykit.port.out.RefundStore;
import dev.paykit.port.out.Stores;
import dev.paykit.port.out.WebhookInbox;
import dev.paykit.port.shared.InboxEvent;
import dev.paykit.port.shared.OutboxBacklog;
import dev.paykit.port.shared.OutboxDelivery;
import dev.paykit.port.shared.PaymentQuery;
import dev.paykit.port.shared.WebhookHeaders;
import dev.paykit.sandbox.SandboxProvider;
import dev.paykit.sandbox.WebhookDelivery;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What a flow works with: the use cases as an application calls them, the stores and the gateways
 * to check against (each payment is looked up at its own provider), the sandbox (when the tour
 * started one), the fake Stripe (the second provider, always in-process), the customer's browser,
 * the shared clock, the metrics, and the narration.
 */
public final class TourContext {
  private static final Duration POLL = Duration.ofMillis(20);
  private static final Duration LOOK_UP_PAUSE = Duration.ofMillis(100);
  private static final List<String> FORWARDED_HEADERS =
      List.of("content-type", "webhook-id", "webhook-timestamp", "webhook-signature");

  private final DemoRuntime runtime;
  private final TourClock clock;
  private final RecentDeliveries deliveries;
  private final MetricsView metrics;
  private final Narrator narrator;
  private final String runId;
  private final Duration awaitTimeout;
  private final CustomerBrowser browser = new CustomerBrowser();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  public TourContext(
      DemoRuntime runtime,
      TourClock clock,
      RecentDeliveries deliveries,
      MetricsView metrics,
      Narrator narrator,
      String runId,
      Duration awaitTimeout) {
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.narrator = Objects.requireNonNull(narrator, "narrator");
    this.runId = Objects.requireNonNull(runId, "runId");
    this.awaitTimeout = Objects.requireNonNull(awaitTimeout, "awaitTimeout");
  }

  // --- the use cases, as the shop's code calls them --------------------------------------------

  public CreatePayment create() {
    return runtime.get(CreatePayment.class);
  }

  public VerifyPayment verify() {
    return runtime.get(VerifyPayment.class);
  }

  public RefundPayment refund() {
    return runtime.get(RefundPayment.class);
  }

  public Reconcile reconcile() {
    return runtime.get(Reconcile.class);
  }

  public SubmitEvidence evidence() {
    return runtime.get(SubmitEvidence.class);
  }

  public Disputes disputes() {
    return runtime.get(Disputes.class);
  }

  public RemindEvidenceDue reminders() {
    return runtime.get(RemindEvidenceDue.class);
  }

  public Subscriptions subscriptions() {
    return runtime.get(Subscriptions.class);
  }

  public RunSubscriptions subscriptionScheduler() {
    return runtime.get(RunSubscriptions.class);
  }

  public ProcessInbox inboxProcessing() {
    return runtime.get(ProcessInbox.class);
  }

  /** The shop's outcomes, as its background job hands them over: the outbox's dispatcher. */
  public DispatchOutbox outbox() {
    return runtime.get(DispatchOutbox.class);
  }

  // --- what the checks read ----------------------------------------------------------------------

  /**
   * The shop's back office: every outcome it heard of from the outbox, every order it fulfilled.
   */
  public ShopOrders shop() {
    return runtime.get(ShopOrders.class);
  }

  /** The outbox's record of one event: its status and how often it was handed over. */
  public Optional<OutboxDelivery> outboxDelivery(OutboxEventId id) {
    return runtime.get(Stores.class).outbox().find(id);
  }

  public PaymentStore payments() {
    return runtime.get(PaymentStore.class);
  }

  public RefundStore refunds() {
    return runtime.get(RefundStore.class);
  }

  public WebhookInbox inbox() {
    return runtime.get(WebhookInbox.class);
  }

  /** The reference provider's gateway ({@link ProviderName#DEFAULT}). */
  public ProviderGateway gateway() {
    return runtime.get(ProviderGateway.class);
  }

  /** The gateway of the provider the payment records. */
  public ProviderGateway gateway(Payment payment) {
    return runtime.get(ProviderGateways.class).gateway(payment.provider());
  }

  /** The second provider's name, {@code stripe}. */
  public ProviderName stripeName() {
    return DemoRuntime.stripeName();
  }

  /** The payment is at the fake Stripe, not at the reference provider. */
  public boolean atStripe(Payment payment) {
    return payment.provider().equals(stripeName());
  }

  /** What the fake Stripe created and sent, from its own records. */
  public StripeLedger stripe() {
    return new StripeLedger(runtime.stripe());
  }

  /** Where the fake Stripe posts its webhooks: the receiver's {@code /webhooks/stripe}. */
  public java.net.URI stripeWebhookUrl() {
    return runtime.stripeWebhookUrl();
  }

  public Optional<SandboxProvider> sandbox() {
    return runtime.sandbox();
  }

  /** The sandbox; only flows that declare they need it call this. */
  public SandboxProvider sandboxOnly() {
    return runtime
        .sandbox()
        .orElseThrow(() -> new IllegalStateException("this flow needs the tour's own sandbox"));
  }

  public MetricsView metrics() {
    return metrics;
  }

  public TourClock clock() {
    return clock;
  }

  public CustomerBrowser customer() {
    return browser;
  }

  public RecentDeliveries deliveries() {
    return deliveries;
  }

  public Narrator say() {
    return narrator;
  }

  // --- making payments ----------------------------------------------------------------------

  /** An order id of this run, unique across runs that share a database or a provider. */
  public ExternalId order(String flow) {
    return new ExternalId("tour-" + runId + "-" + flow);
  }

  /** The key a shop derives from its own identifiers, never from randomness in a retry loop. */
  public IdempotencyKey key(ExternalId order, String attempt) {
    return IdempotencyKey.derive("paykit-tour", order.value(), attempt);
  }

  /** EUR 10.50 for {@code order}, expiring in an hour. */
  public PaymentRequest request(ExternalId order) {
    return request(order, Money.of(1050, "EUR"), Duration.ofHours(1));
  }

  public PaymentRequest request(ExternalId order, Money amount, Duration expiresIn) {
    return new PaymentRequest(
        order,
        amount,
        "Two concert tickets",
        Metadata.of(Map.of("channel", "tour")),
        runtime.returnPage().returnUrlsFor(order),
        expiresIn);
  }

  /** The shop's return page for {@code order}, where the checkout sends the customer back. */
  public ReturnUrls returnUrls(ExternalId order) {
    return runtime.returnPage().returnUrlsFor(order);
  }

  /** Creates the payment and expects the provider to accept it. */
  public Payment startPayment(ExternalId order, IdempotencyKey key) {
    return startPayment(request(order), key);
  }

  /**
   * Against another provider, a create that ended queued or without an answer (a fault on the way)
   * is finished by the reconciler with the same key before the flow goes on; the tour's own sandbox
   * injects no fault the flow did not ask for, so there it must be accepted at once.
   */
  public Payment startPayment(PaymentRequest request, IdempotencyKey key) {
    CreatePaymentResult result = create().create(new CreatePaymentCommand(key, request));
    Payment payment = result.payment();
    boolean unanswered =
        result instanceof CreatePaymentResult.Queued
            || result instanceof CreatePaymentResult.Pending;
    if (unanswered && sandbox().isEmpty()) {
      narrator.step(
          "The create of "
              + payment.id()
              + " ended "
              + result.getClass().getSimpleName()
              + " (the provider was unavailable or its answer was lost): the reconciler sends it"
              + " again with the same key.");
      payment = finishThroughReconciler(payment);
    } else if (!(result instanceof CreatePaymentResult.Started)) {
      throw notAccepted(result.getClass().getSimpleName(), payment);
    }
    if (payment.transactionId() == null) {
      throw notAccepted("no transaction id", payment);
    }
    failoverOf(payment)
        .ifPresent(
            entry ->
                narrator.step(
                    "The first provider refused before acting, so the payment moved: "
                        + entry.detail()
                        + "."));
    narrator.step(
        "Created "
            + payment.id()
            + " for order "
            + payment.externalId()
            + " ("
            + payment.request().amount()
            + "): "
            + (payment.provider().equals(ProviderName.DEFAULT)
                ? "the provider"
                : "the provider " + payment.provider())
            + " accepted it as "
            + payment.transactionId()
            + "; the customer goes to "
            + payment.checkoutUrl());
    return payment;
  }

  /** The entry that records the payment's move to another provider, if it moved. */
  public Optional<HistoryEntry> failoverOf(Payment payment) {
    return history(payment).stream()
        .filter(e -> e.detail() != null && e.detail().contains(" did not act ("))
        .findFirst();
  }

  private static IllegalStateException notAccepted(String got, Payment payment) {
    return new IllegalStateException(
        "expected the provider to accept the payment, got " + got + " in state " + payment.state());
  }

  public Payment reload(Payment payment) {
    return payments().findById(payment.id()).orElseThrow();
  }

  /** The payment's audit trail as stored now, oldest first. */
  public List<HistoryEntry> history(Payment payment) {
    return payments().history(payment.id());
  }

  /**
   * How long a trail is: its entries, and the reports they stand for (an entry counts once plus its
   * repeats), so that a report counted on an existing entry shows as growth too.
   */
  public static String extent(List<HistoryEntry> trail) {
    return trail.size() + " entries, " + reports(trail) + " reports";
  }

  /** The reports a trail stands for: each entry once, plus its repeats. */
  public static long reports(List<HistoryEntry> trail) {
    return trail.stream().mapToLong(HistoryEntry::timesSaid).sum();
  }

  /**
   * Runs the reconciler until a payment that was queued or whose create was not answered has the
   * provider's answer: a transaction id, or a final refusal.
   */
  private Payment finishThroughReconciler(Payment payment) {
    awaitTrue(
        payment.id() + " to be finished by the reconciler",
        () -> reachedProvider(reload(payment)) || passOfTheReconciler());
    Payment finished = reload(payment);
    narrator.step(
        "The reconciler finished "
            + finished.id()
            + ": "
            + finished.state()
            + (finished.transactionId() == null ? "" : " as " + finished.transactionId())
            + ".");
    return finished;
  }

  /** Runs the reconciler until no payment in the store waits for the answer to its create. */
  private void finishUnansweredCreates() {
    awaitTrue(
        "every queued or unanswered create to be finished by the reconciler",
        () -> unansweredCreates().isEmpty() || passOfTheReconciler());
  }

  private static boolean reachedProvider(Payment payment) {
    return payment.transactionId() != null || payment.state().isTerminal();
  }

  /**
   * One pass of the reconciler; false, so that the wait looks again after its pause. The reconciler
   * sends a create again only once it has waited its threshold, so most passes do nothing.
   */
  private boolean passOfTheReconciler() {
    reconcile().reconcile();
    return false;
  }

  private List<Payment> unansweredCreates() {
    List<Payment> waiting = new ArrayList<>();
    for (PaymentState state : List.of(PaymentState.CREATED, PaymentState.SUBMITTED)) {
      payments()
          .list(PaymentQuery.all().withState(state).withLimit(PaymentQuery.MAX_LIMIT))
          .items()
          .stream()
          .filter(p -> p.transactionId() == null)
          .forEach(waiting::add);
    }
    return waiting;
  }

  // --- waiting for what happens in the background ----------------------------------------------

  /** Polls the store until the payment satisfies {@code until}. */
  public Payment awaitPayment(String what, PaymentId id, Predicate<Payment> until) {
    Payment[] last = new Payment[1];
    awaitTrue(
        what,
        () -> {
          last[0] = payments().findById(id).orElseThrow();
          return until.test(last[0]);
        });
    return last[0];
  }

  public Payment awaitState(Payment payment, PaymentState state) {
    return awaitPayment(payment.id() + " to be " + state, payment.id(), p -> p.state() == state);
  }

  /**
   * Polls {@code condition} until it holds.
   *
   * @throws TourTimeoutException if it does not within the tour's patience
   */
  public void awaitTrue(String what, BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(awaitTimeout);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new TourTimeoutException(
            "waited " + awaitTimeout.toSeconds() + " s for " + what + ", in vain");
      }
      pause(POLL, what);
    }
  }

  private static void pause(Duration pause, String what) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TourTimeoutException("interrupted while waiting for " + what);
    }
  }

  /**
   * Waits until every webhook about the payment has landed and been applied; returns the payment as
   * it is then. The tour's sandbox tells which webhooks it sent; another provider's are known only
   * once they arrive, so there the wait lasts, within the tour's patience, until the store holds
   * what the provider's API says.
   */
  public Payment settle(Payment payment) {
    if (atStripe(payment) && payment.transactionId() != null) {
      String tx = payment.transactionId().value();
      awaitTrue("the Stripe webhooks of " + tx + " to be applied", () -> stripeSettled(tx));
      return reload(payment);
    }
    if (sandbox().isEmpty()) {
      return agreement(payment).stored();
    }
    if (payment.transactionId() != null) {
      String tx = payment.transactionId().value();
      awaitTrue("the webhooks of " + tx + " to be delivered and applied", () -> settled(tx));
    }
    return reload(payment);
  }

  /**
   * Waits until every webhook sent so far has been applied. Against another provider, which keeps
   * no delivery record for the tour to read, it first has the reconciler finish every queued or
   * unanswered create, then waits for each open payment until the store holds what the provider
   * says (its webhooks on their way have landed), then until every webhook received is applied.
   */
  public void settleAll() {
    awaitTrue("every Stripe webhook to be applied", () -> stripeSettled(null));
    if (sandbox().isPresent()) {
      awaitTrue("every webhook to be delivered and applied", () -> settled(null));
      return;
    }
    finishUnansweredCreates();
    for (PaymentState open : List.of(PaymentState.STARTED, PaymentState.IN_PROGRESS)) {
      payments()
          .list(PaymentQuery.all().withState(open).withLimit(PaymentQuery.MAX_LIMIT))
          .items()
          .forEach(this::agreement);
    }
    awaitTrue("every webhook received to be applied", this::everyReceivedWebhookApplied);
  }

  /**
   * Waits, within the tour's patience, until the outbox has handed every event to the shop; the
   * backlog as it is then.
   */
  public OutboxBacklog awaitOutboxDrained() {
    try {
      awaitTrue(
          "the outbox to hand every event to the shop",
          () -> outbox().backlog().undelivered() == 0);
    } catch (TourTimeoutException e) {
      // The backlog says what is left, which the check reports.
    }
    return outbox().backlog();
  }

  private boolean everyReceivedWebhookApplied() {
    return deliveries.acceptedEventIds().stream()
        .allMatch(
            id ->
                inbox()
                    .find(new EventId(id))
                    .map(
                        e ->
                            e.status() == InboxEvent.Status.PROCESSED
                                || e.status() == InboxEvent.Status.DEAD)
                    .orElse(false));
  }

  private boolean settled(String transactionId) {
    for (WebhookDelivery delivery : sandboxOnly().webhookDeliveries()) {
      if (transactionId != null && !transactionId.equals(delivery.transactionId())) {
        continue;
      }
      if (delivery.state() == WebhookDelivery.State.PENDING) {
        return false;
      }
      if (delivery.state() == WebhookDelivery.State.DELIVERED && !processed(delivery.eventId())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Every event the fake Stripe sent (about the intent, if one is given) is in the inbox under
   * {@code stripe}, processed or dead: it was posted to {@code /webhooks/stripe} and applied. The
   * fake keeps posting one until the receiver takes it.
   */
  private boolean stripeSettled(String transactionId) {
    StripeLedger ledger = stripe();
    List<StripeLedger.Event> events =
        transactionId == null ? ledger.events() : ledger.eventsAbout(transactionId);
    return events.stream()
        .allMatch(
            e ->
                inbox()
                    .find(stripeName(), new EventId(e.id()))
                    .map(
                        i ->
                            i.status() == InboxEvent.Status.PROCESSED
                                || i.status() == InboxEvent.Status.DEAD)
                    .orElse(false));
  }

  /** The webhooks the sandbox recorded about a payment, oldest first. */
  public List<WebhookDelivery> webhooksOf(Payment payment) {
    String tx = payment.transactionId().value();
    return sandboxOnly().webhookDeliveries().stream()
        .filter(d -> tx.equals(d.transactionId()))
        .toList();
  }

  public boolean processed(String eventId) {
    return processed(ProviderName.DEFAULT, eventId);
  }

  /** The event {@code provider} sent is in the inbox under its name and was applied. */
  public boolean processed(ProviderName provider, String eventId) {
    return inbox()
        .find(provider, new EventId(eventId))
        .map(e -> e.status() == InboxEvent.Status.PROCESSED)
        .orElse(false);
  }

  /**
   * Leaves the sandbox and the fake Stripe as a flow found them: no faults left over, webhooks
   * going to the receiver. A flow that failed half-way cannot disturb the next one.
   */
  public void resetProvider() {
    runtime.stripe().faults().clear();
    runtime.stripe().webhookUrl(runtime.stripeWebhookUrl());
    sandbox()
        .ifPresent(
            s -> {
              s.faults().clear();
              s.setWebhookUrl(runtime.receiver().uri());
            });
  }

  // --- the clock ------------------------------------------------------------------------------

  /** Moves the shared clock forward, after every webhook in flight has landed. */
  public void jump(Duration by, String why) {
    settleAll();
    clock.advance(by);
    narrator.step("The demo moves the shared clock " + human(by) + " forward: " + why);
  }

  static String human(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds >= 86_400 && seconds % 3600 == 0) {
      // The subscription flows jump by days; minutes of those would be unreadable.
      return seconds % 86_400 == 0
          ? (seconds / 86_400) + " d"
          : (seconds / 86_400) + " d " + (seconds % 86_400) / 3600 + " h";
    }
    return seconds >= 60 && seconds % 60 == 0
        ? (seconds / 60) + " min"
        : seconds >= 60 ? (seconds / 60) + " min " + (seconds % 60) + " s" : seconds + " s";
  }

  // --- webhooks sent by hand ----------------------------------------------------------------

  /** POSTs a webhook to the shop's receiver as anyone on the network could; returns the status. */
  public int postWebhook(byte[] body, WebhookHeaders headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(runtime.receiver().uri())
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (String name : FORWARDED_HEADERS) {
      headers.first(name).ifPresent(value -> request.header(name, value));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  // --- the checks every flow ends with ---------------------------------------------------------

  /**
   * How states are judged: exactly against the tour's own sandbox, at or after the expected one
   * against another provider, which may move a payment on its own.
   */
  public StateCheck stateCheck() {
    return sandbox().isPresent() ? StateCheck.EXACT : StateCheck.AT_OR_AFTER;
  }

  /**
   * The payment's state in the store, and what the provider says of it over its API. Against
   * another provider both are read once its webhooks on their way have landed (see {@link
   * #agreement}).
   */
  public void checkState(Checks checks, Payment payment, PaymentState expected) {
    ProviderAgreement agreement = agreement(payment);
    stateCheck().record(checks, "state in the store", expected, agreement.stored().state());
    recordAgreement(checks, agreement);
  }

  /** The provider's status, asked over HTTP, means the same state as the store holds. */
  public void checkProviderAgrees(Checks checks, Payment payment) {
    recordAgreement(checks, agreement(payment));
  }

  private static void recordAgreement(Checks checks, ProviderAgreement agreement) {
    if (agreement.stored().transactionId() == null) {
      checks.that("the provider knows the payment", false, "no transaction id");
      return;
    }
    checks.that("the provider agrees", agreement.agrees(), agreement.detail());
  }

  /**
   * The payment next to the provider's word. Against the tour's own sandbox, this payment as given
   * and one look-up. Against another provider, which may have moved it while its webhook is still
   * on its way, the look-up is repeated (a failed one too) with the payment as stored then, until
   * the two agree, the store can never catch up, or the tour's patience runs out.
   */
  public ProviderAgreement agreement(Payment payment) {
    if (sandbox().isPresent()) {
      return lookUp(payment);
    }
    Instant deadline = Instant.now().plus(awaitTimeout);
    while (true) {
      ProviderAgreement now = lookUp(reload(payment));
      if (now.agrees() || now.storeCannotCatchUp() || Instant.now().isAfter(deadline)) {
        return now;
      }
      pause(LOOK_UP_PAUSE, "the provider and the store to agree on " + payment.id());
    }
  }

  private ProviderAgreement lookUp(Payment stored) {
    if (stored.transactionId() == null) {
      return new ProviderAgreement(stored, Optional.empty(), "no transaction id");
    }
    ProviderResult<ProviderPayment> answer = gateway(stored).getPayment(stored.transactionId());
    if (!(answer instanceof ProviderResult.Success<ProviderPayment> success)) {
      return new ProviderAgreement(stored, Optional.empty(), "look-up failed: " + answer);
    }
    ProviderPayment said = success.value();
    PaymentState means = PaymentLifecycle.localStateOf(said.status(), said.failure());
    return new ProviderAgreement(
        stored,
        Optional.of(means),
        (stored.provider().equals(ProviderName.DEFAULT) ? "provider" : stored.provider())
            + " says "
            + said.status().name().toLowerCase(Locale.ROOT)
            + " ("
            + means
            + ")");
  }

  /** Exactly one payment was created at the payment's provider for the payment's key. */
  public void checkChargedOnce(Checks checks, Payment payment) {
    if (atStripe(payment)) {
      int created = stripe().paymentsFor(payment.idempotencyKey().value());
      checks.that(
          "the provider created it once",
          created == 1,
          created + " for its key (fake Stripe's records)");
      return;
    }
    if (sandbox().isPresent()) {
      int created = sandboxOnly().ledger().paymentsFor(payment.idempotencyKey().value());
      checks.that(
          "the provider created it once", created == 1, created + " for its key (sandbox ledger)");
      return;
    }
    ProviderResult<ProviderPaymentPage> page =
        patiently(() -> gateway().findPayments(payment.externalId(), null, 100));
    int found =
        page instanceof ProviderResult.Success<ProviderPaymentPage> success
            ? success.value().data().size()
            : -1;
    checks.that(
        "the provider created it once",
        found == 1,
        found < 0 ? "list failed: " + page : found + " for its order (provider's list)");
  }

  /**
   * The call's answer, asked again after a failure until it succeeds or the tour's patience runs
   * out: another provider's transient faults can outlast the gateway's few retries.
   */
  private <T> ProviderResult<T> patiently(Supplier<ProviderResult<T>> call) {
    Instant deadline = Instant.now().plus(awaitTimeout);
    ProviderResult<T> answer = call.get();
    while (!(answer instanceof ProviderResult.Success) && Instant.now().isBefore(deadline)) {
      pause(LOOK_UP_PAUSE, "the provider to answer");
      answer = call.get();
    }
    return answer;
  }

  /**
   * Every webhook the sandbox delivered about the payment was applied, and each only once: each
   * payment event has at most one entry of its own, and the webhook reports in the history (an
   * event that repeated the latest entry is counted on it, not appended) are as many as the events.
   */
  public void checkWebhooksApplied(Checks checks, Payment payment) {
    List<SentEvent> sent = sentAbout(payment);
    long delivered = sent.stream().filter(SentEvent::delivered).count();
    long applied = sent.stream().filter(d -> processed(payment.provider(), d.eventId())).count();
    checks.that(
        "every webhook delivered was applied",
        delivered == sent.size() && applied == delivered,
        applied + " of " + sent.size() + " events");
    List<HistoryEntry> trail = history(payment);
    List<SentEvent> paymentEvents = sent.stream().filter(SentEvent::aboutPayment).toList();
    long twice = paymentEvents.stream().filter(d -> entriesFor(trail, d.eventId()) > 1).count();
    List<HistoryEntry> webhookEntries =
        trail.stream().filter(e -> e.source() == TransitionSource.WEBHOOK).toList();
    long fromWebhooks = reports(webhookEntries);
    long repeats = fromWebhooks - webhookEntries.size();
    boolean once = twice == 0 && fromWebhooks == paymentEvents.size();
    checks.that(
        "each payment event is in the history once",
        once,
        once
            ? paymentEvents.size()
                + " events, each once"
                + (repeats == 0 ? "" : " (" + repeats + " counted as repeats)")
            : paymentEvents.size()
                + " events, "
                + fromWebhooks
                + " webhook reports in the history, "
                + twice
                + " events with more than one entry");
  }

  /**
   * An event the payment's provider sent about it: its id, whether it is about the payment itself
   * (not a refund or a dispute), and whether the provider saw it delivered.
   */
  private record SentEvent(String eventId, boolean aboutPayment, boolean delivered) {}

  /**
   * The events the payment's provider sent about it: the sandbox's delivery record, or the fake
   * Stripe's events (posted until the receiver takes them, so each counts as delivered once it is
   * in the inbox).
   */
  private List<SentEvent> sentAbout(Payment payment) {
    if (atStripe(payment)) {
      return stripe().eventsAbout(payment.transactionId().value()).stream()
          .map(
              e ->
                  new SentEvent(
                      e.id(),
                      e.type().startsWith("payment_intent."),
                      inbox().find(stripeName(), new EventId(e.id())).isPresent()))
          .toList();
    }
    return webhooksOf(payment).stream()
        .map(
            d ->
                new SentEvent(
                    d.eventId(),
                    d.type().equals("payment.status_changed"),
                    d.state() == WebhookDelivery.State.DELIVERED))
        .toList();
  }

  private static long entriesFor(List<HistoryEntry> trail, String eventId) {
    return trail.stream().filter(e -> eventId.equals(e.eventId())).count();
  }

  /**
   * The end-of-flow checks: state, the provider's word, one charge, no webhook lost, and the shop
   * told of it in order, fulfilling the order only if it was paid.
   */
  public void checkEnd(Checks checks, Payment payment, PaymentState expected) {
    checkState(checks, payment, expected);
    checkChargedOnce(checks, payment);
    if (sandbox().isPresent() || atStripe(payment)) {
      checkWebhooksApplied(checks, payment);
    }
    checkFulfilment(checks, payment);
  }

  /**
   * What the shop made of the payment's outbox events, once it has heard of the state the store
   * holds: a paid order fulfilled once, any other payment never; and the events acted on in their
   * sequence. The shop is read before the store, so that a payment another provider confirms
   * meanwhile is judged by what the shop could have known.
   */
  public void checkFulfilment(Checks checks, Payment payment) {
    PaymentState state = reload(payment).state();
    PaymentState told =
        state == PaymentState.SUBMITTED
            ? PaymentState.CREATED
            : state == PaymentState.IN_PROGRESS ? PaymentState.STARTED : state;
    try {
      awaitTrue(
          "the shop to hear that " + payment.id() + " is " + told,
          () -> shop().heard(payment.id()).stream().anyMatch(e -> carries(e, told)));
    } catch (TourTimeoutException e) {
      checks.that("the shop heard of the payment", false, e.getMessage());
      return;
    }
    int orderFulfilled = shop().fulfilments(payment.externalId());
    boolean thisFulfilled = shop().fulfilled(payment.id());
    List<OutboxEvent> heard = shop().heard(payment.id());
    boolean paidNow = reload(payment).state() == PaymentState.SUCCEEDED;
    if (state == PaymentState.SUCCEEDED) {
      checks.equal("the shop fulfilled the order once", 1, orderFulfilled);
    } else {
      checks.that(
          "the shop did not fulfil the unpaid order",
          !thisFulfilled || paidNow,
          thisFulfilled ? "fulfilled, and the payment is " + state : "not fulfilled");
    }
    checks.that(
        "the shop heard its events in order", ShopOrders.inSequence(heard), sequence(heard));
  }

  private static boolean carries(OutboxEvent event, PaymentState state) {
    return state.name().equals(event.payload().get("state"));
  }

  /** The events as the shop got them, e.g. "#1 payment.created, #2 payment.started". */
  public static String sequence(List<OutboxEvent> events) {
    return events.stream()
        .map(e -> "#" + e.sequence() + " " + e.type().wireName())
        .collect(Collectors.joining(", "));
  }

  /** The entry that moved the payment to its current state. */
  public Optional<HistoryEntry> lastApplied(Payment payment) {
    List<HistoryEntry> trail = history(payment);
    for (int i = trail.size() - 1; i >= 0; i--) {
      HistoryEntry entry = trail.get(i);
      if (entry.outcome() == Outcome.APPLIED) {
        return Optional.of(entry);
      }
    }
    return Optional.empty();
  }

  /** Prints the payment's audit trail. */
  public void timeline(Payment payment) {
    new TimelinePrinter(narrator).print(payment, history(payment));
  }

  /** Prints the dispute's timeline as the store keeps it. */
  public void timeline(Dispute dispute) {
    new DisputeTimelinePrinter(narrator).print(dispute, disputes().timeline(dispute.id()));
  }
}
