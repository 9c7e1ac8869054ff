package dev.paykit.sandbox;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/** The faults one request drew: at most one latency and at most one error or drop. */
final class FaultPlan {

  static final FaultPlan NONE = new FaultPlan(null, null);

  private final Duration latency;
  private final Fault outcome;
  private final AtomicBoolean slept = new AtomicBoolean();

  FaultPlan(Duration latency, Fault outcome) {
    this.latency = latency;
    this.outcome = outcome;
  }

  /** Sleeps the injected latency, once per request however often it is called. */
  void sleepLatencyOnce() {
    if (latency == null || !slept.compareAndSet(false, true)) {
      return;
    }
    try {
      Thread.sleep(latency.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** An error to answer instead of acting, or {@code null}. */
  Fault errorBeforeAction() {
    return outcome != null && outcome.kind() == FaultKind.ERROR && !outcome.isAfterAction()
        ? outcome
        : null;
  }

  /** An error to answer after acting, or {@code null}. */
  Fault errorAfterAction() {
    return outcome != null && outcome.kind() == FaultKind.ERROR && outcome.isAfterAction()
        ? outcome
        : null;
  }

  /** A drop of the connection instead of acting, or {@code null}. */
  Fault dropBeforeAction() {
    return outcome != null && outcome.kind() == FaultKind.DROP_RESPONSE && !outcome.isAfterAction()
        ? outcome
        : null;
  }

  /** A drop of the response after acting, or {@code null}. */
  Fault dropAfterAction() {
    return outcome != null && outcome.kind() == FaultKind.DROP_RESPONSE && outcome.isAfterAction()
        ? outcome
        : null;
  }
}
