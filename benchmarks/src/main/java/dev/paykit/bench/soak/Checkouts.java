package dev.paykit.bench.soak;

import dev.paykit.bench.soak.CheckoutPlan.Outcome;
import dev.paykit.bench.soak.CheckoutPlan.ProviderFault;
import dev.paykit.bench.soak.CheckoutPlan.WebhookFault;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.in.CreatePaymentResult;
import dev.paykit.port.in.OrderAlreadyPaidException;
import dev.paykit.port.in.RequestInProgressException;
import dev.paykit.sandbox.Fault;
import dev.paykit.sandbox.SandboxApiException;
import dev.paykit.sandbox.SandboxProvider;
import dev.paykit.sandbox.SimulatedOutcome;
import dev.paykit.testkit.PaymentSamples;
import dev.paykit.testkit.flows.CrashPoint;
import dev.paykit.testkit.flows.CrashPoints;
import dev.paykit.testkit.flows.SimulatedCrash;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A shop's checkout as a client drives it, through the app's use cases, with the faults of its
 * plan: create the payment (sending the same request again, with the same key, until it is
 * started), send the customer to the provider's checkout, where they pay, decline, cancel or walk
 * away, and maybe verify on their return or try again after a failure.
 */
final class Checkouts {
  private static final String CREATE = "POST /v1/payments";
  private static final Duration PER_CHECKOUT = Duration.ofSeconds(90);
  private static final int MAX_SENDS = 80;
  private static final Duration SLOW_PROVIDER = Duration.ofMillis(2500);
  private static final List<String> DECLINE_CODES =
      List.of("insufficient_funds", "expired_card", "invalid_cvv", "do_not_honor");

  private final SoakRuntime runtime;
  private final SandboxProvider sandbox;
  private final SoakStats stats;
  private final CrashPoints crashes;
  private final Attacker attacker;
  private final String run;

  /** Time from the first create call to a started payment, per checkout, in nanoseconds. */
  final Queue<Long> untilStarted = new ConcurrentLinkedQueue<>();

  Checkouts(
      SoakRuntime runtime,
      SandboxProvider sandbox,
      SoakStats stats,
      CrashPoints crashes,
      Attacker attacker,
      String run) {
    this.runtime = runtime;
    this.sandbox = sandbox;
    this.stats = stats;
    this.crashes = crashes;
    this.attacker = attacker;
    this.run = run;
  }

  void run(CheckoutPlan plan) {
    String order = "soak-" + run + "-" + plan.index();
    Payment first =
        attempt(
            plan,
            order,
            1,
            plan.providerFault(),
            plan.crash(),
            plan.webhookFault(),
            plan.outcome(),
            plan.concurrentDuplicate());
    if (plan.secondAttempt() && first != null) {
      stats.count("client.second attempts after a failed payment");
      attempt(
          plan,
          order,
          2,
          ProviderFault.NONE,
          CrashPoint.NONE,
          WebhookFault.NONE,
          Outcome.CONFIRMED,
          false);
    }
    if (plan.forge() && first != null && first.transactionId() != null) {
      attacker.forge(first);
    }
    if (plan.replay()) {
      attacker.replay(first);
    }
  }

  /** One payment attempt for {@code order}; returns the payment, or null if it never started. */
  private Payment attempt(
      CheckoutPlan plan,
      String order,
      int number,
      ProviderFault fault,
      CrashPoint crash,
      WebhookFault webhookFault,
      Outcome outcome,
      boolean race) {
    IdempotencyKey key = IdempotencyKey.derive("soak", run, order, "attempt-" + number);
    PaymentRequest request = PaymentSamples.request(order);
    injectProviderFault(plan, fault);
    Thread racer = null;
    if (race) {
      stats.count("client.requests raced by a second one with the same key");
      racer = new Thread(() -> sendOnce(key, request, "client.racing request: "));
      racer.start();
    }
    long start = System.nanoTime();
    Payment payment;
    crashes.arm(crash);
    try {
      payment = untilAnswered(key, request);
    } finally {
      crashes.disarm();
    }
    join(racer);
    if (payment == null || payment.transactionId() == null) {
      return payment;
    }
    untilStarted.add(System.nanoTime() - start);
    if (plan.retrySameKey()) {
      stats.count("client.requests sent again with the same key after the answer");
      sendOnce(key, request, "client.same-key retry: ");
    }
    injectWebhookFault(plan, webhookFault, payment.transactionId().value());
    act(plan, outcome, payment.transactionId().value());
    if (plan.verifyOnReturn() && outcome != Outcome.ABANDONED) {
      try {
        runtime.core().verify().verify(payment.id());
        stats.count("client.payments verified on the customer's return");
      } catch (RuntimeException e) {
        stats.count("client.verification failed: " + e.getClass().getSimpleName());
      }
    }
    return payment;
  }

  /**
   * Sends the create with the same key until the payment is started or definitively refused; any
   * other answer (pending, queued, in progress, a crash) is sent again after a pause.
   */
  private Payment untilAnswered(IdempotencyKey key, PaymentRequest request) {
    long deadline = System.nanoTime() + PER_CHECKOUT.toNanos();
    for (int send = 1; send <= MAX_SENDS && System.nanoTime() < deadline; send++) {
      try {
        CreatePaymentResult result =
            runtime.core().create().create(new CreatePaymentCommand(key, request));
        stats.count("client.answer " + result.getClass().getSimpleName());
        Payment payment = result.payment();
        boolean otherPayment = result instanceof CreatePaymentResult.ActivePaymentExists;
        if (!otherPayment && (payment.transactionId() != null || payment.state().isTerminal())) {
          return payment;
        }
      } catch (RequestInProgressException e) {
        stats.count("client.answer in progress (409)");
      } catch (OrderAlreadyPaidException e) {
        stats.count("client.answer order already paid");
        return null;
      } catch (SimulatedCrash e) {
        stats.count("client.create abandoned by its crash");
      } catch (RuntimeException e) {
        // The process died under the call (a restart) or its database went away.
        stats.count("client.create failed: " + e.getClass().getSimpleName());
      }
      Generation.sleep(Math.min(1000, 100L * send));
    }
    stats.count("client.checkouts given up (left to the reconciler)");
    return null;
  }

  private void sendOnce(IdempotencyKey key, PaymentRequest request, String counter) {
    try {
      CreatePaymentResult result =
          runtime.core().create().create(new CreatePaymentCommand(key, request));
      stats.count(counter + result.getClass().getSimpleName());
    } catch (RuntimeException e) {
      stats.count(counter + e.getClass().getSimpleName());
    }
  }

  private void injectProviderFault(CheckoutPlan plan, ProviderFault fault) {
    if (fault == ProviderFault.NONE) {
      return;
    }
    stats.count("fault.provider: " + fault);
    switch (fault) {
      case SERVER_ERROR:
        sandbox
            .faults()
            .inject(
                Fault.error(CREATE, List.of(500, 502, 503, 504).get(plan.index() % 4))
                    .times(plan.faultTimes()));
        break;
      case RATE_LIMITED:
        sandbox.faults().inject(Fault.rateLimited(CREATE, 1).times(plan.faultTimes()));
        break;
      case TIMEOUT:
        sandbox.faults().inject(Fault.latency(CREATE, SLOW_PROVIDER));
        break;
      case RESPONSE_DROPPED_HOLD:
        sandbox.faults().inject(Fault.dropResponse(CREATE).holdFor(SLOW_PROVIDER));
        break;
      case RESPONSE_DROPPED_CLOSE:
        sandbox.faults().inject(Fault.dropResponse(CREATE).closeImmediately());
        break;
      case ERROR_AFTER_ACTION:
        sandbox.faults().inject(Fault.error(CREATE, 500).afterAction());
        break;
      case TOKENS_EXPIRED:
        sandbox.faults().inject(Fault.expireTokens());
        break;
      default:
        throw new IllegalStateException("unplanned fault " + fault);
    }
  }

  private void injectWebhookFault(CheckoutPlan plan, WebhookFault fault, String transactionId) {
    if (fault == WebhookFault.NONE) {
      return;
    }
    stats.count("fault.webhook: " + fault);
    switch (fault) {
      case DUPLICATE:
        sandbox.faults().inject(Fault.webhookDuplicates(2 + plan.index() % 2));
        break;
      case DELAYED:
        sandbox.faults().inject(Fault.webhookDelay(Duration.ofMillis(300 + plan.index() % 2700)));
        break;
      case OUT_OF_ORDER:
        sandbox
            .faults()
            .inject(
                Fault.webhookReorder(2)
                    .forTransaction(transactionId)
                    .maxHold(Duration.ofSeconds(3)));
        break;
      case BAD_SIGNATURE:
        sandbox.faults().inject(Fault.webhookBadSignature());
        break;
      default:
        throw new IllegalStateException("unplanned fault " + fault);
    }
  }

  /** The customer at the provider's checkout. */
  private void act(CheckoutPlan plan, Outcome outcome, String transactionId) {
    stats.count("customer." + outcome);
    if (outcome == Outcome.ABANDONED) {
      return;
    }
    try {
      switch (outcome) {
        case CONFIRMED:
          sandbox.simulate(transactionId, SimulatedOutcome.CONFIRMED);
          break;
        case DECLINED:
          sandbox.simulate(
              transactionId,
              SimulatedOutcome.DECLINED,
              DECLINE_CODES.get(plan.index() % DECLINE_CODES.size()));
          break;
        case CANCELLED:
          sandbox.simulate(transactionId, SimulatedOutcome.CANCELLED);
          break;
        case EXPIRED:
          sandbox.simulate(transactionId, SimulatedOutcome.EXPIRED);
          break;
        default:
          sandbox.simulate(transactionId, SimulatedOutcome.FRAUD_SUSPECTED);
          break;
      }
    } catch (SandboxApiException e) {
      stats.count("customer.checkout refused by the provider");
    }
  }

  private static void join(Thread thread) {
    if (thread == null) {
      return;
    }
    try {
      thread.join(PER_CHECKOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
