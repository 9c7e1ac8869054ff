package dev.paykit.bench.jmh;

import dev.paykit.domain.payment.DeclineCode;
import dev.paykit.domain.payment.Failure;
import dev.paykit.domain.payment.FailureReason;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.ProviderReport;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.payment.TransitionResult;
import dev.paykit.testkit.PaymentSamples;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Benchmark 1: provider events applied to payments through the state machine ({@link
 * Payment#apply}: map the provider's status, check the report is about this payment, classify the
 * transition with the lifecycle table, append the history entry, new snapshot), against the floor
 * of any bookkeeping, a {@link HashMap#put} of the same events by payment.
 *
 * <p>The events are a webhook stream's mix: steps forward, duplicates, late (stale) reports and
 * contradictions of a terminal state, over 1,024 payments in varied states, replayed in a cycle so
 * every operation starts from the same snapshots.
 */
@State(Scope.Thread)
public class StateMachineBenchmark {
  private static final int EVENTS = 1024;
  private static final int MASK = EVENTS - 1;

  private final Payment[] payments = new Payment[EVENTS];
  private final ProviderReport[] reports = new ProviderReport[EVENTS];
  private final PaymentId[] ids = new PaymentId[EVENTS];
  private final Map<PaymentId, ProviderReport> latest = new HashMap<>(EVENTS * 2);
  private Instant now;
  private int next;

  @Setup(Level.Trial)
  public void prepare() {
    Random random = new Random(20261124);
    Instant created = Instant.parse("2026-11-24T10:00:00Z");
    now = created.plusSeconds(60);
    for (int i = 0; i < EVENTS; i++) {
      Payment payment = PaymentSamples.created("pay_" + i, "order-" + i, created);
      payment =
          payment
              .apply(
                  ProviderReport.fromCreateResponse(
                      said(payment, ProviderStatus.STARTED, null), "req_" + i),
                  created.plusSeconds(1))
              .payment();
      int start = random.nextInt(10);
      if (start >= 5) {
        payment =
            payment
                .apply(
                    ProviderReport.fromWebhook(
                        said(payment, ProviderStatus.IN_PROGRESS, null), "evt_p" + i),
                    created.plusSeconds(2))
                .payment();
      }
      if (start == 9) {
        payment =
            payment
                .apply(
                    ProviderReport.fromWebhook(
                        said(payment, ProviderStatus.CONFIRMED, null), "evt_c" + i),
                    created.plusSeconds(3))
                .payment();
      }
      payments[i] = payment;
      ids[i] = payment.id();
      reports[i] =
          ProviderReport.fromWebhook(said(payment, reported(random), failure(random)), "evt_" + i);
    }
  }

  private static ProviderStatus reported(Random random) {
    int pick = random.nextInt(10);
    if (pick < 3) {
      return ProviderStatus.IN_PROGRESS;
    }
    if (pick < 7) {
      return ProviderStatus.CONFIRMED;
    }
    return pick < 9 ? ProviderStatus.CANCELLED : ProviderStatus.EXPIRED;
  }

  private static Failure failure(Random random) {
    return random.nextBoolean()
        ? Failure.declined(DeclineCode.INSUFFICIENT_FUNDS)
        : Failure.of(FailureReason.CUSTOMER_CANCELLED);
  }

  /**
   * What the provider says of the payment; a failure comes only with an ending without money: a
   * decline ({@code DECLINED}) or a cancellation.
   */
  private static ProviderPayment said(Payment payment, ProviderStatus status, Failure failure) {
    if (status != ProviderStatus.CANCELLED) {
      return PaymentSamples.providerPayment(payment, status, null, payment.createdAt());
    }
    ProviderStatus ended =
        failure.reason().isDecline() ? ProviderStatus.DECLINED : ProviderStatus.CANCELLED;
    return PaymentSamples.providerPayment(payment, ended, failure, payment.createdAt());
  }

  @Benchmark
  public TransitionResult paykitApply() {
    int i = next++ & MASK;
    return payments[i].apply(reports[i], now);
  }

  @Benchmark
  public ProviderReport baselineHashMapPut() {
    int i = next++ & MASK;
    return latest.put(ids[i], reports[i]);
  }
}
