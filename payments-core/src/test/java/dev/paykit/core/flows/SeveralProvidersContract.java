package dev.paykit.core.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Failure;
import dev.paykit.domain.payment.FailureReason;
import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ProviderName;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.in.CreatePaymentResult;
import dev.paykit.port.in.RefundCommand;
import dev.paykit.port.in.RequestInProgressException;
import dev.paykit.port.in.WebhookReceipt;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.ProviderGateways;
import dev.paykit.port.out.ProviderResult;
import dev.paykit.port.out.Stores;
import dev.paykit.port.shared.InboxEvent;
import dev.paykit.port.shared.ProviderError;
import dev.paykit.service.PaykitCore;
import dev.paykit.service.PaykitSettings;
import dev.paykit.testkit.Concurrently;
import dev.paykit.testkit.PaymentSamples;
import dev.paykit.testkit.fake.FakeProvider;
import dev.paykit.testkit.fake.FakeProvider.Fault;
import dev.paykit.testkit.fake.FakeProvider.Operation;
import dev.paykit.testkit.fake.SignedWebhook;
import dev.paykit.testkit.fake.WebhookSigner;
import dev.paykit.testkit.flows.CrashPoint;
import dev.paykit.testkit.flows.FlowClock;
import dev.paykit.testkit.flows.SimulatedCrash;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two providers in one core, end to end through the real services: euros go to {@code psp-eu} with
 * {@code psp-us} as the failover candidate, dollars the other way round. A payment moves to the
 * candidate only when its provider certainly did not act; everything later asks the payment's own
 * provider. Runs on every store family (in memory, PostgreSQL).
 */
public abstract class SeveralProvidersContract {
  private static final ProviderName EU = ProviderName.of("psp-eu");
  private static final ProviderName US = ProviderName.of("psp-us");
  private static final Duration LOCK = Duration.ofSeconds(60);

  /** A fresh, empty family of stores for each test. */
  protected abstract Stores newStores();

  private FlowClock clock;
  private FakeProvider eu;
  private FakeProvider us;
  private Stores stores;
  private PaykitCore paykit;
  private int orders;

  @BeforeEach
  void wireTwoProviders() {
    clock = new FlowClock(Instant.parse("2026-11-24T10:00:00Z"));
    eu = new FakeProvider(clock);
    us = new FakeProvider(clock);
    stores = newStores();
    paykit = core(eu.gateway(), us.gateway());
  }

  /** Whatever happened, no order was charged twice: not twice at one provider, not once at each. */
  @AfterEach
  void noOrderWasChargedTwiceAcrossBothProviders() {
    for (int i = 1; i <= orders; i++) {
      String order = "order-" + i;
      assertThat(
              eu.ledger().paymentsCreated(new ExternalId(order))
                  + us.ledger().paymentsCreated(new ExternalId(order)))
          .as("charges for %s across both providers", order)
          .isLessThanOrEqualTo(1);
    }
  }

  /** A core over the test's stores, as an instance (or a restarted one) would build it. */
  private PaykitCore core(ProviderGateway euGateway, ProviderGateway usGateway) {
    return PaykitCore.builder()
        .stores(stores)
        .providers(
            ProviderGateways.of(
                List.of(
                    new ProviderGateways.Provider(
                        EU, euGateway, eu.webhookVerifier(clock), eu.webhookParser()),
                    new ProviderGateways.Provider(
                        US, usGateway, us.webhookVerifier(clock), us.webhookParser()))))
        .routing(
            request ->
                request.amount().currencyCode().equals("USD") ? List.of(US, EU) : List.of(EU, US))
        .settings(
            PaykitSettings.defaults()
                .withIdempotencyLock(LOCK)
                .withReconciliation(Duration.ofSeconds(30), Duration.ofMinutes(5)))
        .clock(clock)
        .build();
  }

  @Test
  void euros_go_to_one_provider_and_dollars_to_the_other() {
    Payment euros = create(request("EUR")).payment();
    Payment dollars = create(request("USD")).payment();

    assertThat(euros.provider()).isEqualTo(EU);
    assertThat(dollars.provider()).isEqualTo(US);
    assertThat(eu.ledger().totalPaymentsCreated()).isEqualTo(1);
    assertThat(us.ledger().totalPaymentsCreated()).isEqualTo(1);
    assertThat(eu.payment(euros.transactionId())).isPresent();
    assertThat(us.payment(dollars.transactionId())).isPresent();
  }

  @Test
  void a_provider_that_refused_before_acting_hands_the_payment_to_the_next_one() {
    eu.failNext(Operation.CREATE_PAYMENT, Fault.unavailable());

    CreatePaymentResult result = create(request("EUR"));

    assertThat(result).isInstanceOf(CreatePaymentResult.Started.class);
    Payment payment = stored(result.payment());
    assertThat(payment.provider()).isEqualTo(US);
    assertThat(us.payment(payment.transactionId())).isPresent();
    assertThat(eu.ledger().totalPaymentsCreated() + us.ledger().totalPaymentsCreated())
        .isEqualTo(1);
    assertThat(stores.payments().history(payment.id()))
        .extracting(HistoryEntry::detail)
        .anySatisfy(detail -> assertThat(detail).contains("psp-eu did not act", "psp-us"));
  }

  @Test
  void a_payment_stays_queued_at_the_last_candidate_when_both_refused_before_acting() {
    eu.failNext(Operation.CREATE_PAYMENT, Fault.unavailable());
    us.failNext(Operation.CREATE_PAYMENT, Fault.unavailable());

    CreatePaymentResult result = create(request("EUR"));

    assertThat(result).isInstanceOf(CreatePaymentResult.Queued.class);
    assertThat(stored(result.payment()).provider()).isEqualTo(US);
    clock.advance(Duration.ofMinutes(1));
    paykit.reconcile().reconcile();
    Payment payment = stored(result.payment());
    assertThat(payment.state()).isEqualTo(PaymentState.STARTED);
    assertThat(us.payment(payment.transactionId())).isPresent();
    assertThat(eu.ledger().createCalls()).isEqualTo(1);
  }

  @Test
  void a_refusal_of_the_payment_itself_is_not_a_reason_to_try_the_next_provider() {
    eu.failNext(
        Operation.CREATE_PAYMENT,
        Fault.reject(
            new ProviderError(
                ProviderError.Kind.VALIDATION, "invalid_request", "refused", null, null)));

    CreatePaymentResult result = create(request("EUR"));

    assertThat(result).isInstanceOf(CreatePaymentResult.Rejected.class);
    assertThat(result.payment().provider()).isEqualTo(EU);
    assertThat(us.ledger().createCalls()).isZero();
  }

  @Test
  void a_timeout_after_acting_never_sends_the_payment_to_another_provider() throws Exception {
    eu.failNext(Operation.CREATE_PAYMENT, Fault.timeoutAfterActing());
    PaymentRequest request = request("EUR");
    IdempotencyKey key = keyOf(request);

    CreatePaymentResult first = paykit.create().create(new CreatePaymentCommand(key, request));

    assertThat(first).isInstanceOf(CreatePaymentResult.Pending.class);
    assertThat(first.payment().provider()).isEqualTo(EU);
    assertThat(eu.ledger().totalPaymentsCreated()).isEqualTo(1);

    // A restart, then psp-eu is down for a while: retries with the key and the reconciler, on
    // threads of their own, all meet an unavailable psp-eu, which certainly did not act on those
    // calls; its first call may have acted, so none may try psp-us.
    AtomicBoolean euDown = new AtomicBoolean(true);
    paykit = core(downWhile(eu.gateway(), euDown), us.gateway());
    clock.advance(LOCK.plusSeconds(1));
    List<Concurrently.Attempt<Object>> attempts =
        Concurrently.run(
            8,
            i ->
                () ->
                    i % 2 == 0
                        ? paykit.create().create(new CreatePaymentCommand(key, request))
                        : paykit.reconcile().reconcile());

    assertThat(us.ledger().createCalls()).isZero();
    assertThat(stored(first.payment()).provider()).isEqualTo(EU);
    assertThat(attempts)
        .as("a retry may find the key held by another; nothing else goes wrong")
        .allSatisfy(
            attempt ->
                assertThat(
                        attempt.succeeded()
                            || attempt.failure() instanceof RequestInProgressException)
                    .isTrue());

    // psp-eu is back: the payment it made on the first call is the one the key finds.
    euDown.set(false);
    clock.advance(Duration.ofMinutes(1));
    paykit.reconcile().reconcile();
    Payment payment = stored(first.payment());
    assertThat(payment.state()).isEqualTo(PaymentState.STARTED);
    assertThat(payment.provider()).isEqualTo(EU);
    assertThat(eu.ledger().totalPaymentsCreated()).isEqualTo(1);
    assertThat(us.ledger().createCalls()).isZero();
  }

  @Test
  void while_the_first_request_waits_for_its_provider_nobody_else_sends_the_payment()
      throws Exception {
    CountDownLatch called = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    AtomicInteger euCalls = new AtomicInteger();
    paykit =
        core(
            proxy(
                eu.gateway(),
                (method, args) -> {
                  if (!method.equals("createPayment")) {
                    return call(eu.gateway(), method, args);
                  }
                  if (euCalls.incrementAndGet() == 1) {
                    called.countDown();
                    answer.await();
                  }
                  return new ProviderResult.Unavailable<>("connection refused (simulated)");
                }),
            us.gateway());
    PaymentRequest request = request("EUR");
    ExecutorService first = Executors.newSingleThreadExecutor();
    try {
      Future<CreatePaymentResult> created = first.submit(() -> create(request));
      assertThat(called.await(10, TimeUnit.SECONDS)).isTrue();
      Payment waiting = stores.payments().findByIdempotencyKey(keyOf(request)).orElseThrow();
      clock.advance(Duration.ofSeconds(45));

      // psp-eu has the first request's call in hand: another sender's call could reach it just as
      // psp-eu tells the first request it is unavailable, and the payment would be at both.
      assertThat(paykit.verify().verify(waiting.id()).state()).isEqualTo(PaymentState.CREATED);
      paykit.reconcile().reconcile();
      assertThat(euCalls).hasValue(1);

      answer.countDown();
      CreatePaymentResult result = created.get(10, TimeUnit.SECONDS);
      assertThat(result).isInstanceOf(CreatePaymentResult.Started.class);
      assertThat(result.payment().provider()).isEqualTo(US);
      assertThat(euCalls).hasValue(1);
    } finally {
      answer.countDown();
      first.shutdownNow();
    }
  }

  @Test
  void a_crash_right_after_the_recorded_switch_is_finished_at_the_second_provider() {
    eu.failNext(Operation.CREATE_PAYMENT, Fault.unavailable());
    paykit = core(eu.gateway(), crashingOnce(us.gateway()));
    PaymentRequest request = request("EUR");
    IdempotencyKey key = keyOf(request);

    assertThatThrownBy(() -> paykit.create().create(new CreatePaymentCommand(key, request)))
        .isInstanceOf(SimulatedCrash.class);

    Payment switched = stores.payments().findByIdempotencyKey(key).orElseThrow();
    assertThat(switched.provider()).isEqualTo(US);
    assertThat(switched.state()).isEqualTo(PaymentState.CREATED);
    paykit = core(eu.gateway(), us.gateway());
    clock.advance(LOCK.plusSeconds(1));
    CreatePaymentResult recovered = paykit.create().create(new CreatePaymentCommand(key, request));

    assertThat(recovered).isInstanceOf(CreatePaymentResult.Started.class);
    assertThat(recovered.payment().provider()).isEqualTo(US);
    assertThat(us.ledger().paymentsCreated(key)).isEqualTo(1);
    assertThat(eu.ledger().totalPaymentsCreated()).isZero();
    assertThat(eu.ledger().createCalls()).isEqualTo(1);
  }

  @Test
  void the_reconciler_finishes_a_switched_payment_at_the_second_provider() {
    eu.failNext(Operation.CREATE_PAYMENT, Fault.unavailable());
    paykit = core(eu.gateway(), crashingOnce(us.gateway()));
    PaymentRequest request = request("EUR");
    assertThatThrownBy(() -> create(request)).isInstanceOf(SimulatedCrash.class);
    paykit = core(eu.gateway(), us.gateway());
    clock.advance(LOCK.plusSeconds(1));

    paykit.reconcile().reconcile();

    Payment payment = stores.payments().findByIdempotencyKey(keyOf(request)).orElseThrow();
    assertThat(payment.state()).isEqualTo(PaymentState.STARTED);
    assertThat(payment.provider()).isEqualTo(US);
    assertThat(us.payment(payment.transactionId())).isPresent();
    assertThat(eu.ledger().createCalls()).isEqualTo(1);
  }

  @Test
  void
      a_webhook_of_one_provider_applies_to_its_payment_even_when_the_other_has_one_with_the_same_transaction_id() {
    Payment dollars = create(request("USD")).payment();
    TransactionId shared = dollars.transactionId();
    // psp-eu happens to call its payment by the very id psp-us gave the dollar payment.
    paykit = core(onCreate(eu.gateway(), sent -> renamed(sent, shared)), us.gateway());
    Payment euros = create(request("EUR")).payment();
    assertThat(euros.transactionId()).isEqualTo(shared);

    SignedWebhook confirmed = us.move(shared, ProviderStatus.CONFIRMED, null);
    assertThat(receive(EU, confirmed))
        .as("psp-us's signature means nothing at psp-eu's endpoint")
        .isInstanceOf(WebhookReceipt.Rejected.class);
    assertThat(receive(US, confirmed)).isInstanceOf(WebhookReceipt.Accepted.class);
    paykit.inbox().processPending(10);

    assertThat(stored(dollars).state()).isEqualTo(PaymentState.SUCCEEDED);
    assertThat(stored(euros).state()).isEqualTo(PaymentState.STARTED);
  }

  @Test
  void the_inbox_tells_two_providers_events_with_one_id_apart() {
    Payment dollars = create(request("USD")).payment();
    SignedWebhook ofUs = us.move(dollars.transactionId(), ProviderStatus.CONFIRMED, null);
    // The same event id and body, signed by psp-eu: an event of psp-eu's of its own.
    long now = clock.instant().getEpochSecond();
    SignedWebhook ofEu =
        new SignedWebhook(
            ofUs.eventId(),
            ofUs.body(),
            WebhookSigner.of(eu.webhookSecret().reveal())
                .webhookHeaders(ofUs.eventId().value(), now, ofUs.body()));

    assertThat(receive(US, ofUs)).isInstanceOf(WebhookReceipt.Accepted.class);
    assertThat(receive(EU, ofEu)).isInstanceOf(WebhookReceipt.Accepted.class);
    assertThat(receive(US, ofUs)).isInstanceOf(WebhookReceipt.Duplicate.class);
    assertThat(receive(EU, ofEu)).isInstanceOf(WebhookReceipt.Duplicate.class);
    paykit.inbox().processPending(10);

    assertThat(stored(dollars).state()).isEqualTo(PaymentState.SUCCEEDED);
    assertThat(stores.inbox().find(US, ofUs.eventId()).orElseThrow().status())
        .isEqualTo(InboxEvent.Status.PROCESSED);
    assertThat(stores.inbox().find(EU, ofEu.eventId()).orElseThrow().status())
        .as("psp-eu has no payment by that transaction id: the event waits, it is not applied")
        .isEqualTo(InboxEvent.Status.PENDING);
  }

  @Test
  void the_reconciler_asks_each_payment_its_own_provider() {
    Payment euros = create(request("EUR")).payment();
    Payment dollars = create(request("USD")).payment();
    eu.move(euros.transactionId(), ProviderStatus.CONFIRMED, null);
    us.move(
        dollars.transactionId(),
        ProviderStatus.CANCELLED,
        Failure.of(FailureReason.CUSTOMER_CANCELLED));
    clock.advance(Duration.ofMinutes(6));

    paykit.reconcile().reconcile();

    assertThat(stored(euros).state()).isEqualTo(PaymentState.SUCCEEDED);
    assertThat(stored(dollars).state()).isEqualTo(PaymentState.CANCELLED);
  }

  @Test
  void verification_asks_the_payments_own_provider() {
    Payment dollars = create(request("USD")).payment();
    us.move(dollars.transactionId(), ProviderStatus.CONFIRMED, null);

    assertThat(paykit.verify().verify(dollars.id()).state()).isEqualTo(PaymentState.SUCCEEDED);
  }

  @Test
  void a_refund_goes_to_the_provider_that_took_the_payment() {
    eu.failNext(Operation.CREATE_PAYMENT, Fault.unavailable());
    Payment euros = create(request("EUR")).payment();
    SignedWebhook confirmed = us.move(euros.transactionId(), ProviderStatus.CONFIRMED, null);
    receive(US, confirmed);
    paykit.inbox().processPending(10);

    paykit
        .refund()
        .refund(
            new RefundCommand(
                IdempotencyKey.derive("refund", euros.id().value()),
                euros.id(),
                Money.of(500, "EUR"),
                "goodwill"));

    assertThat(us.ledger().refundedMinorUnits(euros.transactionId())).isEqualTo(500);
    assertThat(eu.ledger().refundsCreated(IdempotencyKey.derive("refund", euros.id().value())))
        .isZero();
  }

  private CreatePaymentResult create(PaymentRequest request) {
    return paykit.create().create(new CreatePaymentCommand(keyOf(request), request));
  }

  private static IdempotencyKey keyOf(PaymentRequest request) {
    return IdempotencyKey.derive("test", request.externalId().value(), "attempt-1");
  }

  private PaymentRequest request(String currency) {
    orders++;
    return PaymentSamples.request("order-" + orders, Money.of(1050, currency));
  }

  private Payment stored(Payment payment) {
    return stores.payments().findById(payment.id()).orElseThrow();
  }

  private WebhookReceipt receive(ProviderName provider, SignedWebhook webhook) {
    return paykit.receiveWebhook().receive(provider, webhook.body(), webhook.headers());
  }

  /**
   * {@code gateway}, with what its {@code createPayment} answers passed through {@code onAnswer}: a
   * proxy, so that it keeps up with whatever the gateway port gains.
   */
  @SuppressWarnings("unchecked")
  private static ProviderGateway onCreate(
      ProviderGateway gateway, UnaryOperator<ProviderResult<ProviderPayment>> onAnswer) {
    return proxy(
        gateway,
        (method, args) ->
            method.equals("createPayment")
                ? onAnswer.apply((ProviderResult<ProviderPayment>) call(gateway, method, args))
                : call(gateway, method, args));
  }

  /** {@code gateway}, refusing every create before acting while {@code down} is set. */
  private static ProviderGateway downWhile(ProviderGateway gateway, AtomicBoolean down) {
    return proxy(
        gateway,
        (method, args) ->
            method.equals("createPayment") && down.get()
                ? new ProviderResult.Unavailable<>("connection refused (simulated)")
                : call(gateway, method, args));
  }

  /** {@code gateway}, whose first create crashes the caller before it reaches the provider. */
  private static ProviderGateway crashingOnce(ProviderGateway gateway) {
    AtomicBoolean crashed = new AtomicBoolean();
    return proxy(
        gateway,
        (method, args) -> {
          if (method.equals("createPayment") && crashed.compareAndSet(false, true)) {
            throw new SimulatedCrash(CrashPoint.BEFORE_PROVIDER_CALL);
          }
          return call(gateway, method, args);
        });
  }

  private interface Handler {
    Object handle(String method, Object[] args) throws Throwable;
  }

  private static ProviderGateway proxy(ProviderGateway gateway, Handler handler) {
    return (ProviderGateway)
        Proxy.newProxyInstance(
            ProviderGateway.class.getClassLoader(),
            new Class<?>[] {ProviderGateway.class},
            (proxy, method, args) -> handler.handle(method.getName(), args));
  }

  private static Object call(ProviderGateway gateway, String method, Object[] args)
      throws Throwable {
    for (java.lang.reflect.Method candidate : ProviderGateway.class.getMethods()) {
      if (candidate.getName().equals(method)
          && candidate.getParameterCount() == (args == null ? 0 : args.length)) {
        try {
          return candidate.invoke(gateway, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
      }
    }
    throw new IllegalArgumentException("no gateway method " + method);
  }

  private static ProviderResult<ProviderPayment> renamed(
      ProviderResult<ProviderPayment> answer, TransactionId as) {
    if (!(answer instanceof ProviderResult.Success<ProviderPayment> success)) {
      return answer;
    }
    ProviderPayment said = success.value();
    return new ProviderResult.Success<>(
        new ProviderPayment(
            as,
            said.status(),
            said.amount(),
            said.externalId(),
            said.metadata(),
            said.checkoutUrl(),
            said.failure(),
            said.createdAt(),
            said.updatedAt(),
            said.expiresAt(),
            said.paymentMethod()),
        success.requestId(),
        success.replayed());
  }
}
